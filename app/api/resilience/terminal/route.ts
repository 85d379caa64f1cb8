import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { readTerminal } from "@/lib/data/lab-tools";
import { failureReason } from "@/lib/data/resilience-sdk";

/** The `npm run lab -- env` exports for the current target and the seed's commands as they run here. */
export async function GET() {
  await connection();
  const target = await currentTarget();
  try {
    return Response.json(await readTerminal(target), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ error: failureReason(error, target) }, { status: 502 });
  }
}
