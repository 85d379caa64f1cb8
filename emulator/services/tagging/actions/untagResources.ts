import type { UntagResourcesInput, UntagResourcesOutput } from "@aws-sdk/client-resource-groups-tagging-api";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { TagStore } from "../index.ts";

/** A resource left with no tags leaves the index (GetResources lists tagged resources). */
export function untagResources(input: UntagResourcesInput, ctx: RequestContext, store: TagStore) {
  for (const arn of input.ResourceARNList ?? []) {
    const key = scopedKey(ctx, arn);
    const rec = store.get(key);
    if (!rec) continue;
    for (const k of input.TagKeys ?? []) delete rec.tags[k];
    if (Object.keys(rec.tags).length) store.set(key, rec);
    else store.delete(key);
  }
  return { FailedResourcesMap: {} } satisfies UntagResourcesOutput;
}
