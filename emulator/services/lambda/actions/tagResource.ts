import type { TagResourceRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { taggable } from "../tags.ts";

export function tagResource(input: TagResourceRequest, ctx: RequestContext, lambda: LambdaContext) {
  const target = taggable(input.Resource, ctx, lambda);
  Object.assign(target.tags, input.Tags);
  target.save();
  return {};
}
