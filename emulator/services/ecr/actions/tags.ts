import type { ListTagsForResourceRequest, ListTagsForResourceResponse, TagResourceRequest, TagResourceResponse, UntagResourceRequest, UntagResourceResponse } from "@aws-sdk/client-ecr";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcrStore } from "../store.ts";
import { getRepository } from "./repositories.ts";

const byArn = (store: EcrStore, ctx: RequestContext, arn: string | undefined) => getRepository(store, ctx, arn?.split(":repository/")[1]);

export function tagResource(input: TagResourceRequest, ctx: RequestContext, store: EcrStore) {
  const r = byArn(store, ctx, input.resourceArn);
  for (const t of input.tags ?? []) r.tags = [...r.tags.filter((x) => x.Key !== t.Key), t];
  store.set(scopedKey(ctx, r.repositoryName), r);
  return {} satisfies TagResourceResponse;
}

export function untagResource(input: UntagResourceRequest, ctx: RequestContext, store: EcrStore) {
  const r = byArn(store, ctx, input.resourceArn);
  r.tags = r.tags.filter((t) => !input.tagKeys?.includes(t.Key ?? ""));
  store.set(scopedKey(ctx, r.repositoryName), r);
  return {} satisfies UntagResourceResponse;
}

export const listTagsForResource = (input: ListTagsForResourceRequest, ctx: RequestContext, store: EcrStore) => ({ tags: byArn(store, ctx, input.resourceArn).tags }) satisfies ListTagsForResourceResponse;
