import type { BatchDeleteImageRequest, BatchDeleteImageResponse, ListImagesRequest, ListImagesResponse } from "@aws-sdk/client-ecr";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcrStore } from "../store.ts";
import { getRepository } from "./repositories.ts";

export function listImages(input: ListImagesRequest, ctx: RequestContext, store: EcrStore) {
  const r = getRepository(store, ctx, input.repositoryName);
  return { imageIds: r.images.map(({ imageDigest, imageTag }) => ({ imageDigest, imageTag })) } satisfies ListImagesResponse;
}

export function batchDeleteImage(input: BatchDeleteImageRequest, ctx: RequestContext, store: EcrStore) {
  const r = getRepository(store, ctx, input.repositoryName);
  const out: BatchDeleteImageResponse = { imageIds: [], failures: [] };
  for (const id of input.imageIds ?? []) {
    const hit = r.images.find((i) => (id.imageDigest && i.imageDigest === id.imageDigest) || (id.imageTag && i.imageTag === id.imageTag));
    if (hit) {
      r.images = r.images.filter((i) => i !== hit);
      out.imageIds!.push({ imageDigest: hit.imageDigest, imageTag: hit.imageTag });
    } else out.failures!.push({ imageId: id, failureCode: "ImageNotFound", failureReason: "Requested image not found" });
  }
  store.set(scopedKey(ctx, r.repositoryName), r);
  return out;
}
