import type { ListFunctionsRequest, ListFunctionsResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { constraintViolation } from "../errors.ts";
import { configuration } from "../functions.ts";

/** Pages by function name; NextMarker is the last name returned. */
export function listFunctions(input: ListFunctionsRequest, ctx: RequestContext, lambda: LambdaContext) {
  const max = input.MaxItems ?? 50;
  if (max < 1 || max > 10000) throw constraintViolation("maxItems", max, "have value between 1 and 10000");
  const all = [...lambda.store.functions.values()]
    .filter((f) => f.accountId === ctx.accountId && f.region === ctx.region)
    .sort((a, b) => a.config.FunctionName.localeCompare(b.config.FunctionName))
    .filter((f) => !input.Marker || f.config.FunctionName > input.Marker);
  const page = all.slice(0, Math.min(max, 50));
  return {
    Functions: page.map(configuration),
    NextMarker: all.length > page.length ? page[page.length - 1].config.FunctionName : undefined,
  } satisfies ListFunctionsResponse;
}
