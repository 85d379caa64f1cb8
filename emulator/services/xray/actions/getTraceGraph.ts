import type { GetTraceGraphRequest, GetTraceGraphResult } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";
import { invalidRequest } from "../errors.ts";
import { buildServiceGraph } from "../graph.ts";
import type { TraceStore } from "../store.ts";

export function getTraceGraph(input: GetTraceGraphRequest, ctx: RequestContext, store: TraceStore) {
  const ids = input.TraceIds ?? [];
  if (ids.length === 0) throw invalidRequest("TraceIds must contain at least one trace id.");
  const views = ids.flatMap((id) => {
    const r = store.get(ctx, id);
    return r ? [store.view(r).view] : [];
  });
  return { Services: buildServiceGraph(views, ctx.accountId) } satisfies GetTraceGraphResult;
}
