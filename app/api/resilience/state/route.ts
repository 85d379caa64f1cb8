import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { experiments, readResilience } from "@/lib/data/resilience-sdk";

/**
 * Everything the breaker cards and the timeline show, in one read polled at the target's
 * `pollMs`: the breaker items, the fault records, the Requests/Errors/Latency and
 * CircuitBreakerState metrics, the breaker-open alarms with their history, the mesh edge stats
 * where the target has them, and the console's own experiment and load run.
 */
export async function GET() {
  await connection();
  experiments();
  return Response.json(await readResilience(await currentTarget()), { headers: { "Cache-Control": "no-store" } });
}
