import { readTrace } from "@/lib/data/observability-sdk";
import { badRequest, liveRead } from "@/app/api/respond";

const TRACE_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/** One trace as a waterfall (BatchGetTraces); `null` when X-Ray no longer has it. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!TRACE_ID.test(id)) return badRequest("A trace id looks like 1-5759e988-bd862e3fe1be46a994272793.");
  return liveRead(async (target) => (await readTrace(target, id)) ?? null, "BatchGetTraces");
}
