import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { probeTarget } from "@/lib/data/target-status";

/** The current target and whether STS answers for it. Credentials never leave the server. */
export async function GET() {
  await connection();
  const status = await probeTarget(await currentTarget());
  return Response.json(status, { headers: { "Cache-Control": "no-store" } });
}
