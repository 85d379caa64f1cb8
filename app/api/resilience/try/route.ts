import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { tryRequest } from "@/lib/data/lab-tools";
import { SEED_REQUEST_NAMES, type SeedRequestName } from "@/lib/lab/load";

/**
 * Sends one of the seed's requests (`{"request": "get-user" | "post-order"}`) to the lab's load
 * balancer from the server, which can reach it on any target, and answers status, body and latency.
 */
export async function POST(request: Request) {
  await connection();
  const body = (await request.json().catch(() => ({}))) as { request?: string };
  if (!SEED_REQUEST_NAMES.includes(body.request as SeedRequestName)) {
    return Response.json({ error: `request must be one of ${SEED_REQUEST_NAMES.join(", ")}` }, { status: 400 });
  }
  return Response.json(await tryRequest(await currentTarget(), body.request as SeedRequestName), { headers: { "Cache-Control": "no-store" } });
}
