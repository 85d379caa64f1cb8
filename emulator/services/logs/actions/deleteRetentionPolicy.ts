import type { DeleteRetentionPolicyCommandOutput, DeleteRetentionPolicyRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

export function deleteRetentionPolicy(store: LogStore, input: DeleteRetentionPolicyRequest, ctx: RequestContext) {
  required(input, "logGroupName");
  const { key, group } = resolveGroup(store, ctx, input);
  const { retentionInDays, ...rest } = group;
  store.groups.set(key, rest);
  return {} satisfies Omit<DeleteRetentionPolicyCommandOutput, "$metadata">;
}
