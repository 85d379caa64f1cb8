import type { UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";

export function untagResource(input: UntagResourceRequest, ctx: RequestContext, be: EventsBackend) {
  const arn = be.store.taggable(input.ResourceARN, ctx);
  const drop = new Set(input.TagKeys ?? []);
  be.store.tags.set(arn, (be.store.tags.get(arn) ?? []).filter((t) => !drop.has(t.Key ?? "")));
  return {} satisfies UntagResourceResponse;
}
