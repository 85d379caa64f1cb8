import type { PutTraceSegmentsRequest, PutTraceSegmentsResult, UnprocessedTraceSegment } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";
import { invalidRequest } from "../errors.ts";
import { validateSegment } from "../segments.ts";
import type { TraceStore } from "../store.ts";

// Each document is accepted or reported back on its own; the call itself only fails when empty.
// https://docs.aws.amazon.com/xray/latest/api/API_PutTraceSegments.html
export function putTraceSegments(input: PutTraceSegmentsRequest, ctx: RequestContext, store: TraceStore) {
  const docs = input.TraceSegmentDocuments;
  if (!docs || docs.length === 0) throw invalidRequest("TraceSegmentDocuments must contain at least one document.");
  const unprocessed: UnprocessedTraceSegment[] = [];
  const valid = [];
  for (const raw of docs) {
    const r = validateSegment(raw);
    if ("unprocessed" in r) unprocessed.push(r.unprocessed);
    else valid.push({ doc: r.doc, raw });
  }
  store.putMany(ctx, valid);
  store.prune();
  return { UnprocessedTraceSegments: unprocessed } satisfies PutTraceSegmentsResult;
}
