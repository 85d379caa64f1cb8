import type { GetFunctionRequest, GetFunctionResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { functionResponse } from "../functions.ts";

export function getFunction(input: GetFunctionRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  return functionResponse(rec, lambda) satisfies GetFunctionResponse;
}
