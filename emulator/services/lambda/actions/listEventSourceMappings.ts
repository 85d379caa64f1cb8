import type { ListEventSourceMappingsRequest, ListEventSourceMappingsResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { constraintViolation } from "../errors.ts";
import { mappingResponse } from "../mappings.ts";
import { functionArn, parseFunctionName } from "../store.ts";

/** Pages by UUID; NextMarker is the last UUID returned. */
export function listEventSourceMappings(input: ListEventSourceMappingsRequest, ctx: RequestContext, lambda: LambdaContext) {
  const max = input.MaxItems ?? 100;
  if (max < 1 || max > 10000) throw constraintViolation("maxItems", max, "have value between 1 and 10000");
  const fnArn = input.FunctionName ? functionArn(parseFunctionName(input.FunctionName, ctx)) : undefined;
  const all = [...lambda.store.mappings.values()]
    .filter((m) => m.accountId === ctx.accountId && m.region === ctx.region)
    .filter((m) => (!fnArn || m.config.FunctionArn === fnArn) && (!input.EventSourceArn || m.config.EventSourceArn === input.EventSourceArn))
    .sort((a, b) => a.config.UUID.localeCompare(b.config.UUID))
    .filter((m) => !input.Marker || m.config.UUID > input.Marker);
  const page = all.slice(0, max);
  return {
    EventSourceMappings: page.map((m) => mappingResponse(m)),
    NextMarker: all.length > page.length ? page[page.length - 1].config.UUID : undefined,
  } satisfies ListEventSourceMappingsResponse;
}
