import type { ListTagsRequest, ListTagsResponse } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { taggable } from "../tags.ts";

export function listTags(input: ListTagsRequest, ctx: RequestContext, lambda: LambdaContext) {
  return { Tags: { ...taggable(input.Resource, ctx, lambda).tags } } satisfies ListTagsResponse;
}
