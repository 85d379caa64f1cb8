import type { TagResourceCommandOutput, TagResourceRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { invalidParameter, required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

export function checkTags(tags: Record<string, string>) {
  const keys = Object.keys(tags);
  if (keys.length > 50) throw invalidParameter("A log group can have at most 50 tags.");
  for (const k of keys) {
    if (!k || k.length > 128 || k.startsWith("aws:")) throw invalidParameter(`The tag key ${k} is not valid.`);
    if ((tags[k] ?? "").length > 256) throw invalidParameter(`The value of tag ${k} must be at most 256 characters.`);
  }
}

/** Adds tags to a group, named by ARN (TagResource) or by name (TagLogGroup). */
export function addTags(store: LogStore, ctx: RequestContext, group: { logGroupName?: string; logGroupIdentifier?: string }, tags: Record<string, string>) {
  checkTags(tags);
  const { key, group: g } = resolveGroup(store, ctx, group);
  const merged = { ...g.tags, ...tags };
  checkTags(merged);
  store.groups.set(key, { ...g, tags: merged });
}

export function removeTags(store: LogStore, ctx: RequestContext, group: { logGroupName?: string; logGroupIdentifier?: string }, keys: string[]) {
  const { key, group: g } = resolveGroup(store, ctx, group);
  const tags = { ...g.tags };
  for (const k of keys) delete tags[k];
  store.groups.set(key, { ...g, tags });
}

/** Only log groups are taggable here (destinations and delivery resources are not emulated). */
export function groupOfArn(arn: string | undefined) {
  if (!arn || !/^arn:aws[a-z-]*:logs:[^:]*:\d{12}:log-group:[^:]+(:\*)?$/.test(arn)) throw invalidParameter(`The specified resource ARN ${arn} is not a valid log group ARN.`);
  return { logGroupIdentifier: arn };
}

export function tagResource(store: LogStore, input: TagResourceRequest, ctx: RequestContext) {
  required(input, "resourceArn", "tags");
  addTags(store, ctx, groupOfArn(input.resourceArn), input.tags!);
  return {} satisfies Omit<TagResourceCommandOutput, "$metadata">;
}
