import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";
import { groupOfArn } from "./tagResource.ts";

export function listTagsForResource(store: LogStore, input: ListTagsForResourceRequest, ctx: RequestContext) {
  required(input, "resourceArn");
  return { tags: { ...resolveGroup(store, ctx, groupOfArn(input.resourceArn)).group.tags } } satisfies ListTagsForResourceResponse;
}
