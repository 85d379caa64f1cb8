import type { BatchGetTracesRequest, BatchGetTracesResult, Trace } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";
import { invalidRequest } from "../errors.ts";
import type { TraceStore } from "../store.ts";

export function batchGetTraces(input: BatchGetTracesRequest, ctx: RequestContext, store: TraceStore) {
  const ids = input.TraceIds ?? [];
  if (ids.length === 0) throw invalidRequest("TraceIds must contain at least one trace id.");
  if (ids.length > 5) throw invalidRequest("TraceIds can contain at most 5 trace ids.");
  const traces: Trace[] = [];
  const unprocessed: string[] = [];
  for (const id of ids) {
    const record = store.get(ctx, id);
    if (!record) {
      unprocessed.push(id);
      continue;
    }
    const { docs } = store.view(record);
    const start = Math.min(...docs.map((d) => d.start_time));
    const end = Math.max(...docs.map((d) => d.end_time ?? d.start_time));
    traces.push({ Id: id, Duration: Math.round((end - start) * 1e6) / 1e6, LimitExceeded: false, Segments: record.segments.map((s) => ({ ...s })) });
  }
  return { Traces: traces, UnprocessedTraceIds: unprocessed } satisfies BatchGetTracesResult;
}
