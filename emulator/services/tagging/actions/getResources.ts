import type { GetResourcesInput, GetResourcesOutput } from "@aws-sdk/client-resource-groups-tagging-api";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { TagStore } from "../index.ts";
import type { TaggedResource } from "../store.ts";

/** `service` or `service:type`, as in "sqs", "ec2:vpc", "sns:topic". */
export function matchesType(arn: string, filter: string): boolean {
  const [, , service, , , ...rest] = arn.split(":");
  const [fService, fType] = filter.split(":");
  if (service !== fService) return false;
  if (!fType) return true;
  const resource = rest.join(":");
  const type = /^([^/:]+)[/:]/.exec(resource)?.[1];
  // Some ARNs (SQS queues, SNS topics, S3 buckets) carry no resource-type segment.
  return type === undefined || type === fType;
}

export function inScope(ctx: RequestContext, store: TagStore): TaggedResource[] {
  const prefix = scopedKey(ctx, "");
  return [...store.entries()].filter(([k]) => k.startsWith(prefix)).map(([, v]) => v);
}

const PAGE = 100;

export function getResources(input: GetResourcesInput, ctx: RequestContext, store: TagStore) {
  if (input.TagFilters && input.TagFilters.length > 50) throw new AwsError("InvalidParameterException", "TagFilters can contain at most 50 filters");
  const found = inScope(ctx, store).filter(
    (r) =>
      (input.TagFilters ?? []).every((f) => f.Key !== undefined && f.Key in r.tags && (!f.Values?.length || f.Values.includes(r.tags[f.Key]))) &&
      (!input.ResourceTypeFilters?.length || input.ResourceTypeFilters.some((t) => matchesType(r.arn, t))) &&
      (!input.ResourceARNList?.length || input.ResourceARNList.includes(r.arn)),
  );
  const start = Number(input.PaginationToken || 0) || 0;
  const size = input.ResourcesPerPage ?? PAGE;
  return {
    ResourceTagMappingList: found.slice(start, start + size).map((r) => ({ ResourceARN: r.arn, Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })) })),
    PaginationToken: start + size < found.length ? String(start + size) : "",
  } satisfies GetResourcesOutput;
}
