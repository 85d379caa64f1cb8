import type { GetPolicyRequest, GetPolicyResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { resourceNotFound } from "../errors.ts";

export function getPolicy(input: GetPolicyRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  if (rec.policy.length === 0) throw resourceNotFound("The resource you requested does not exist.");
  return {
    Policy: JSON.stringify({ Version: "2012-10-17", Id: "default", Statement: rec.policy }),
    RevisionId: rec.config.RevisionId,
  } satisfies GetPolicyResponse;
}
