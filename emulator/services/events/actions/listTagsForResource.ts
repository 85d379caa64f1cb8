import type { ListTagsForResourceRequest, ListTagsForResourceResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";

export function listTagsForResource(input: ListTagsForResourceRequest, ctx: RequestContext, be: EventsBackend) {
  const arn = be.store.taggable(input.ResourceARN, ctx);
  return { Tags: be.store.tags.get(arn) ?? [] } satisfies ListTagsForResourceResponse;
}
