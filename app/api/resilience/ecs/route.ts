import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { readEcs } from "@/lib/data/lab-tools";
import { failureReason } from "@/lib/data/resilience-sdk";

const NO_STORE = { "Cache-Control": "no-store" };

/** Running and desired tasks per service, recent service events and stopped tasks (DescribeServices, ListTasks, DescribeTasks). */
export async function GET() {
  await connection();
  const target = await currentTarget();
  try {
    return Response.json({ ...(await readEcs(target)), pollMs: Math.max(2_000, capabilities(target).pollMs) }, { headers: NO_STORE });
  } catch (error) {
    return Response.json({ error: failureReason(error, target) }, { status: 502, headers: NO_STORE });
  }
}
