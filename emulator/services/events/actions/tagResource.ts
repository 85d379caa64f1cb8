import type { TagResourceRequest, TagResourceResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { validation } from "../errors.ts";

export function tagResource(input: TagResourceRequest, ctx: RequestContext, be: EventsBackend) {
  const arn = be.store.taggable(input.ResourceARN, ctx);
  const tags = new Map((be.store.tags.get(arn) ?? []).map((t) => [t.Key, t]));
  for (const t of input.Tags ?? []) {
    if (!t.Key || t.Value === undefined) throw validation("Tags need a Key and a Value.");
    tags.set(t.Key, t);
  }
  be.store.tags.set(arn, [...tags.values()]);
  return {} satisfies TagResourceResponse;
}
