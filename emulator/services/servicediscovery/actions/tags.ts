// TagResource, UntagResource, ListTagsForResource on namespaces and services.
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from "@aws-sdk/client-servicediscovery";
import type { CloudMapStore } from "../store.ts";

export const tagResource = (store: CloudMapStore) => (input: TagResourceRequest) => {
  const r = store.taggable(input.ResourceARN ?? "");
  for (const t of input.Tags ?? []) {
    r.Tags = r.Tags.filter((x) => x.Key !== t.Key);
    r.Tags.push({ Key: t.Key ?? "", Value: t.Value ?? "" });
  }
  store.saveTaggable(r);
  return {} satisfies TagResourceResponse;
};

export const untagResource = (store: CloudMapStore) => (input: UntagResourceRequest) => {
  const r = store.taggable(input.ResourceARN ?? "");
  r.Tags = r.Tags.filter((t) => !(input.TagKeys ?? []).includes(t.Key));
  store.saveTaggable(r);
  return {} satisfies UntagResourceResponse;
};

export const listTagsForResource = (store: CloudMapStore) => (input: ListTagsForResourceRequest) =>
  ({ Tags: store.taggable(input.ResourceARN ?? "").Tags }) satisfies ListTagsForResourceResponse;
