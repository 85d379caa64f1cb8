import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from "@aws-sdk/client-sts";
import type { RequestContext } from "../../../core/service.ts";

export function getCallerIdentity(_input: GetCallerIdentityRequest, ctx: RequestContext) {
  return {
    Account: ctx.accountId,
    Arn: `arn:aws:iam::${ctx.accountId}:root`,
    UserId: ctx.accountId,
  } satisfies GetCallerIdentityResponse;
}
