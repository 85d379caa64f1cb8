// TagResource, UntagResource, ListTagsForResource on clusters, services, task definitions and tasks.
import type {
  ListTagsForResourceRequest,
  ListTagsForResourceResponse,
  Tag,
  TagResourceRequest,
  TagResourceResponse,
  UntagResourceRequest,
  UntagResourceResponse,
} from "@aws-sdk/client-ecs";
import type { PersistentMap } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { type EcsStore, invalidParameter } from "../store.ts";

function find(store: EcsStore, arn: string): { tags: Tag[]; save(): void } {
  const tables: [PersistentMap<any>, (r: any) => string][] = [
    [store.clusters, (r) => r.clusterArn],
    [store.services, (r) => r.serviceArn],
    [store.taskDefinitions, (r) => r.taskDefinitionArn],
    [store.tasks, (r) => r.taskArn],
  ];
  for (const [m, arnOf] of tables) {
    for (const [k, r] of m.entries()) if (arnOf(r) === arn) return { tags: r.tags, save: () => m.set(k, r) };
  }
  throw invalidParameter("The specified resource could not be found.");
}

export const tagResource = ({ store }: EcsDeps) => (input: TagResourceRequest) => {
  const r = find(store, input.resourceArn ?? "");
  for (const t of input.tags ?? []) {
    const i = r.tags.findIndex((x) => x.key === t.key);
    if (i >= 0) r.tags.splice(i, 1);
    r.tags.push(t);
  }
  r.save();
  return {} satisfies TagResourceResponse;
};

export const untagResource = ({ store }: EcsDeps) => (input: UntagResourceRequest) => {
  const r = find(store, input.resourceArn ?? "");
  const keep = r.tags.filter((t) => !(input.tagKeys ?? []).includes(t.key ?? ""));
  r.tags.splice(0, r.tags.length, ...keep);
  r.save();
  return {} satisfies UntagResourceResponse;
};

export const listTagsForResource = ({ store }: EcsDeps) => (input: ListTagsForResourceRequest) =>
  ({ tags: find(store, input.resourceArn ?? "").tags }) satisfies ListTagsForResourceResponse;
