import type { DescribeLogGroupsRequest, DescribeLogGroupsResponse, LogGroup, LogGroupClass } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { decodeToken, encodeToken, invalidParameter } from "../errors.ts";
import { groupArn } from "../index.ts";
import { type LogGroupRecord, type LogStore, streamKey } from "../store.ts";

export function groupView(store: LogStore, ctx: RequestContext, key: string, g: LogGroupRecord): LogGroup {
  const storedBytes = store.streamNames(key).reduce((n, s) => n + (store.streams.get(streamKey(key, s))?.storedBytes ?? 0), 0);
  const arn = groupArn(ctx, g.logGroupName);
  return {
    logGroupName: g.logGroupName,
    creationTime: g.creationTime,
    retentionInDays: g.retentionInDays,
    metricFilterCount: 0,
    arn: `${arn}:*`,
    logGroupArn: arn,
    storedBytes,
    kmsKeyId: g.kmsKeyId,
    logGroupClass: g.logGroupClass as LogGroupClass,
  };
}

export function describeLogGroups(store: LogStore, input: DescribeLogGroupsRequest, ctx: RequestContext) {
  if (input.logGroupNamePrefix && input.logGroupNamePattern) throw invalidParameter("LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 50) throw invalidParameter("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 50");
  const pattern = input.logGroupNamePattern?.toLowerCase();
  const prefix = `${ctx.accountId}/${ctx.region}/`;
  const after = input.nextToken ? decodeToken<{ after: string }>(input.nextToken, (v) => typeof v?.after === "string").after : undefined;
  const all = [...store.groups.entries()]
    .filter(([k, g]) => k.startsWith(prefix) && (!input.logGroupNamePrefix || g.logGroupName.startsWith(input.logGroupNamePrefix)) && (!pattern || g.logGroupName.toLowerCase().includes(pattern)))
    .filter(([, g]) => (!input.logGroupClass || g.logGroupClass === input.logGroupClass) && (!input.logGroupIdentifiers?.length || input.logGroupIdentifiers.some((id) => id === g.logGroupName || id.endsWith(`:log-group:${g.logGroupName}`))))
    .filter(([, g]) => after === undefined || g.logGroupName > after)
    .sort((a, b) => (a[1].logGroupName < b[1].logGroupName ? -1 : 1));
  const page = all.slice(0, limit);
  return {
    logGroups: page.map(([k, g]) => groupView(store, ctx, k, g)),
    nextToken: all.length > limit ? encodeToken({ after: page[page.length - 1][1].logGroupName }) : undefined,
  } satisfies DescribeLogGroupsResponse;
}
