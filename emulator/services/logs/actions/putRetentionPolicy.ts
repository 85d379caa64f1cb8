import type { PutRetentionPolicyCommandOutput, PutRetentionPolicyRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { invalidParameter, required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html */
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function putRetentionPolicy(store: LogStore, input: PutRetentionPolicyRequest, ctx: RequestContext) {
  required(input, "logGroupName", "retentionInDays");
  if (!RETENTION_DAYS.includes(input.retentionInDays!)) {
    throw invalidParameter(`1 validation error detected: Value '${input.retentionInDays}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${RETENTION_DAYS.join(", ")}]`);
  }
  const { key, group } = resolveGroup(store, ctx, input);
  store.groups.set(key, { ...group, retentionInDays: input.retentionInDays });
  store.sweep();
  return {} satisfies Omit<PutRetentionPolicyCommandOutput, "$metadata">;
}
