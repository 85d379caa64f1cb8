import type { ListTagsLogGroupRequest, ListTagsLogGroupResponse } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

export function listTagsLogGroup(store: LogStore, input: ListTagsLogGroupRequest, ctx: RequestContext) {
  required(input, "logGroupName");
  return { tags: { ...resolveGroup(store, ctx, { logGroupName: input.logGroupName }).group.tags } } satisfies ListTagsLogGroupResponse;
}
