import type { UntagResourceInput, UntagResourceOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { required } from "../errors.ts";
import { taggable } from "./tagResource.ts";

export function untagResource(cw: CloudWatch, input: UntagResourceInput, ctx: RequestContext) {
  required(input, "ResourceARN", "TagKeys");
  const t = taggable(cw, input.ResourceARN, ctx);
  const drop = new Set(input.TagKeys);
  t.save(t.tags.filter((x) => !drop.has(x.Key!)));
  return {} satisfies UntagResourceOutput;
}
