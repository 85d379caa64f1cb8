import type { ListTagsForResourceInput, ListTagsForResourceOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { required } from "../errors.ts";
import { taggable } from "./tagResource.ts";

export function listTagsForResource(cw: CloudWatch, input: ListTagsForResourceInput, ctx: RequestContext) {
  required(input, "ResourceARN");
  return { Tags: taggable(cw, input.ResourceARN, ctx).tags } satisfies ListTagsForResourceOutput;
}
