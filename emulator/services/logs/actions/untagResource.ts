import type { UntagResourceCommandOutput, UntagResourceRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import type { LogStore } from "../store.ts";
import { groupOfArn, removeTags } from "./tagResource.ts";

export function untagResource(store: LogStore, input: UntagResourceRequest, ctx: RequestContext) {
  required(input, "resourceArn", "tagKeys");
  removeTags(store, ctx, groupOfArn(input.resourceArn), input.tagKeys!);
  return {} satisfies Omit<UntagResourceCommandOutput, "$metadata">;
}
