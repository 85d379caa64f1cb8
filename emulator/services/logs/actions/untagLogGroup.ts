import type { UntagLogGroupCommandOutput, UntagLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import type { LogStore } from "../store.ts";
import { removeTags } from "./tagResource.ts";

export function untagLogGroup(store: LogStore, input: UntagLogGroupRequest, ctx: RequestContext) {
  required(input, "logGroupName", "tags");
  removeTags(store, ctx, { logGroupName: input.logGroupName }, input.tags!);
  return {} satisfies Omit<UntagLogGroupCommandOutput, "$metadata">;
}
