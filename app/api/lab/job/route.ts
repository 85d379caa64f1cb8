import { connection } from "next/server";
import { currentJob } from "@/lib/lab/job";

/** The deploy/cleanup job under way, or the last one: progress, stack events, failure, leftovers. */
export async function GET() {
  await connection();
  return Response.json({ job: currentJob() ?? null }, { headers: { "Cache-Control": "no-store" } });
}
