// AddTags, RemoveTags, DescribeTags for load balancers, target groups, listeners and rules.
import type { AddTagsInput, AddTagsOutput, DescribeTagsInput, DescribeTagsOutput, RemoveTagsInput, RemoveTagsOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";

export const addTags = ({ store }: ElbDeps) => (input: AddTagsInput) => {
  const keys = (input.Tags ?? []).map((t) => t.Key);
  if (new Set(keys).size !== keys.length) throw new AwsError("DuplicateTagKeys", "Tag keys must be unique", 400);
  for (const arn of input.ResourceArns ?? []) {
    const r = store.taggable(arn);
    r.Tags = [...r.Tags.filter((t) => !keys.includes(t.Key)), ...(input.Tags ?? [])];
    if (r.Tags.length > 50) throw new AwsError("TooManyTags", "A resource can have at most 50 tags", 400);
    store.saveTaggable(arn, r);
  }
  return {} satisfies AddTagsOutput;
};

export const removeTags = ({ store }: ElbDeps) => (input: RemoveTagsInput) => {
  for (const arn of input.ResourceArns ?? []) {
    const r = store.taggable(arn);
    r.Tags = r.Tags.filter((t) => !(input.TagKeys ?? []).includes(t.Key ?? ""));
    store.saveTaggable(arn, r);
  }
  return {} satisfies RemoveTagsOutput;
};

export const describeTags = ({ store }: ElbDeps) => (input: DescribeTagsInput) =>
  ({ TagDescriptions: (input.ResourceArns ?? []).map((arn) => ({ ResourceArn: arn, Tags: store.taggable(arn).Tags })) }) satisfies DescribeTagsOutput;
