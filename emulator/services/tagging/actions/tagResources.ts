import type { TagResourcesInput, TagResourcesOutput } from "@aws-sdk/client-resource-groups-tagging-api";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { TagStore } from "../index.ts";

export function tagResources(input: TagResourcesInput, ctx: RequestContext, store: TagStore) {
  if (!input.ResourceARNList?.length) throw validationError("ResourceARNList must contain at least one ARN");
  for (const arn of input.ResourceARNList) {
    if (!arn.startsWith("arn:")) throw validationError(`Invalid ARN: ${arn}`);
    const key = scopedKey(ctx, arn);
    const rec = store.get(key) ?? { arn, tags: {} };
    Object.assign(rec.tags, input.Tags ?? {});
    store.set(key, rec);
  }
  return { FailedResourcesMap: {} } satisfies TagResourcesOutput;
}
