import type { RemovePermissionRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { resourceNotFound } from "../errors.ts";
import { checkRevision } from "../functions.ts";

export function removePermission(input: RemovePermissionRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  checkRevision(rec, input.RevisionId);
  const i = rec.policy.findIndex((s) => s.Sid === input.StatementId);
  if (i < 0) throw resourceNotFound(`Statement ${input.StatementId} is not found in resource policy.`);
  rec.policy.splice(i, 1);
  lambda.store.save(rec);
  return {};
}
