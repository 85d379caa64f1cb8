// TagResource, UntagResource, ListTagsForResource for any App Mesh ARN.
import type {
  ListTagsForResourceInput,
  ListTagsForResourceOutput,
  TagResourceInput,
  TagResourceOutput,
  UntagResourceInput,
  UntagResourceOutput,
} from "@aws-sdk/client-app-mesh";
import type { AppMeshStore } from "../store.ts";

export const tagResource = (store: AppMeshStore) => (input: TagResourceInput) => {
  const r = store.byArn(input.resourceArn ?? "");
  for (const t of input.tags ?? []) {
    r.tags = r.tags.filter((x) => x.key !== t.key);
    r.tags.push({ key: t.key ?? "", value: t.value ?? "" });
  }
  store.put(r);
  return {} satisfies TagResourceOutput;
};

export const untagResource = (store: AppMeshStore) => (input: UntagResourceInput) => {
  const r = store.byArn(input.resourceArn ?? "");
  r.tags = r.tags.filter((t) => !(input.tagKeys ?? []).includes(t.key));
  store.put(r);
  return {} satisfies UntagResourceOutput;
};

export const listTagsForResource = (store: AppMeshStore) => (input: ListTagsForResourceInput) =>
  ({ tags: store.byArn(input.resourceArn ?? "").tags }) satisfies ListTagsForResourceOutput;
