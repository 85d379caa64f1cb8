import type { GetTraceSummariesRequest, GetTraceSummariesResult } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";
import { parseFilterExpression } from "../filter.ts";
import type { TraceStore } from "../store.ts";
import { filterScope, traceSummary } from "../summary.ts";
import { timeWindow } from "../window.ts";

const PAGE = 100;

export function getTraceSummaries(input: GetTraceSummariesRequest, ctx: RequestContext, store: TraceStore) {
  const { start, end } = timeWindow(input.StartTime, input.EndTime);
  const filter = input.FilterExpression?.trim() ? parseFilterExpression(input.FilterExpression) : undefined;
  const records = store.inWindow(ctx, start, end);
  const summaries = records
    .map((r) => ({ r, ...store.view(r) }))
    .filter(({ view, docs }) => !filter || filter(filterScope(view, docs)))
    .map(({ r, view, docs }) => traceSummary(r.id, view, docs, ctx.accountId, r.segments.length))
    .sort((a, b) => b.StartTime!.getTime() - a.StartTime!.getTime());
  const from = input.NextToken ? Number(Buffer.from(input.NextToken, "base64url").toString()) || 0 : 0;
  const page = summaries.slice(from, from + PAGE);
  return {
    TraceSummaries: page,
    ApproximateTime: new Date(),
    TracesProcessedCount: records.length,
    NextToken: from + PAGE < summaries.length ? Buffer.from(String(from + PAGE)).toString("base64url") : undefined,
  } satisfies GetTraceSummariesResult;
}
