import type { CreateLogGroupCommandOutput, CreateLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { alreadyExists, invalidParameter, required } from "../errors.ts";
import type { LogStore } from "../store.ts";
import { checkTags } from "./tagResource.ts";

/** https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html */
export const GROUP_NAME = /^[.\-_/#A-Za-z0-9]{1,512}$/;

export function createLogGroup(store: LogStore, input: CreateLogGroupRequest, ctx: RequestContext) {
  required(input, "logGroupName");
  const name = input.logGroupName!;
  if (!GROUP_NAME.test(name)) throw invalidParameter(`1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`);
  if (name.startsWith("aws/")) throw invalidParameter("Log group names starting with aws/ are reserved for AWS services.");
  if (input.logGroupClass && !["STANDARD", "INFREQUENT_ACCESS", "DELIVERY"].includes(input.logGroupClass)) throw invalidParameter(`Invalid logGroupClass ${input.logGroupClass}.`);
  if (input.tags) checkTags(input.tags);
  const key = scopedKey(ctx, name);
  if (store.groups.has(key)) throw alreadyExists("log group");
  store.groups.set(key, { logGroupName: name, creationTime: Date.now(), kmsKeyId: input.kmsKeyId, logGroupClass: input.logGroupClass ?? "STANDARD", tags: input.tags ?? {} });
  return {} satisfies Omit<CreateLogGroupCommandOutput, "$metadata">;
}
