import type { FunctionConfiguration, GetFunctionConfigurationRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { configuration } from "../functions.ts";

export function getFunctionConfiguration(input: GetFunctionConfigurationRequest, ctx: RequestContext, lambda: LambdaContext) {
  return configuration(lambda.store.get(input.FunctionName, ctx, input.Qualifier)) satisfies FunctionConfiguration;
}
