import type { TagLogGroupCommandOutput, TagLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import type { LogStore } from "../store.ts";
import { addTags } from "./tagResource.ts";

/** Deprecated by AWS in favour of TagResource, still used by older tools. */
export function tagLogGroup(store: LogStore, input: TagLogGroupRequest, ctx: RequestContext) {
  required(input, "logGroupName", "tags");
  addTags(store, ctx, { logGroupName: input.logGroupName }, input.tags!);
  return {} satisfies Omit<TagLogGroupCommandOutput, "$metadata">;
}
