import type { GetServiceGraphRequest, GetServiceGraphResult } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";
import { buildServiceGraph } from "../graph.ts";
import type { TraceStore } from "../store.ts";
import { timeWindow } from "../window.ts";

export function getServiceGraph(input: GetServiceGraphRequest, ctx: RequestContext, store: TraceStore) {
  const { start, end } = timeWindow(input.StartTime, input.EndTime);
  const views = store.inWindow(ctx, start, end).map((r) => store.view(r).view);
  return {
    StartTime: input.StartTime,
    EndTime: input.EndTime,
    Services: buildServiceGraph(views, ctx.accountId),
    ContainsOldGroupVersions: false,
  } satisfies GetServiceGraphResult;
}
