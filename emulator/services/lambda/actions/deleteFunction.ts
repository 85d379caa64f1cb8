import type { DeleteFunctionRequest, DeleteFunctionResponse } from "@aws-sdk/client-lambda";
import { scopedKey } from "../../../core/state.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";

/** Event source mappings stay, as on AWS; their pollers wait until a function of that name exists again. */
export function deleteFunction(input: DeleteFunctionRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  lambda.store.functions.delete(scopedKey(rec, rec.config.FunctionName));
  lambda.retire(rec);
  lambda.store.removeCode(rec, rec.config.FunctionName);
  return {} satisfies DeleteFunctionResponse;
}
