import type { UntagResourceRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { taggable } from "../tags.ts";

export function untagResource(input: UntagResourceRequest, ctx: RequestContext, lambda: LambdaContext) {
  const target = taggable(input.Resource, ctx, lambda);
  for (const k of input.TagKeys ?? []) delete target.tags[k];
  target.save();
  return {};
}
