import type { DescribeLogStreamsRequest, DescribeLogStreamsResponse, LogStream } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { decodeToken, encodeToken, invalidParameter } from "../errors.ts";
import { groupArn, resolveGroup } from "../index.ts";
import { type LogStore, type LogStreamRecord, streamKey } from "../store.ts";

export function describeLogStreams(store: LogStore, input: DescribeLogStreamsRequest, ctx: RequestContext) {
  const order = input.orderBy ?? "LogStreamName";
  if (order !== "LogStreamName" && order !== "LastEventTime") throw invalidParameter(`1 validation error detected: Value '${order}' at 'orderBy' failed to satisfy constraint: Member must satisfy enum value set: [LogStreamName, LastEventTime]`);
  if (order === "LastEventTime" && input.logStreamNamePrefix) throw invalidParameter("Cannot order by LastEventTime with a logStreamNamePrefix.");
  const limit = input.limit ?? 50;
  if (limit < 1 || limit > 50) throw invalidParameter("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 50");
  const { key, group } = resolveGroup(store, ctx, input);
  const offset = input.nextToken ? decodeToken<{ offset: number }>(input.nextToken, (v) => Number.isInteger(v?.offset) && v.offset >= 0).offset : 0;
  const byName = (a: LogStreamRecord, b: LogStreamRecord) => (a.logStreamName < b.logStreamName ? -1 : a.logStreamName > b.logStreamName ? 1 : 0);
  const byTime = (a: LogStreamRecord, b: LogStreamRecord) => (a.lastEventTimestamp ?? a.creationTime) - (b.lastEventTimestamp ?? b.creationTime) || byName(a, b);
  const streams = store
    .streamNames(key)
    .filter((n) => !input.logStreamNamePrefix || n.startsWith(input.logStreamNamePrefix))
    .map((n) => store.streams.get(streamKey(key, n))!)
    .filter(Boolean)
    .sort(order === "LastEventTime" ? byTime : byName);
  if (input.descending) streams.reverse();
  const page = streams.slice(offset, offset + limit);
  const arnBase = groupArn(ctx, group.logGroupName);
  return {
    logStreams: page.map((s): LogStream => ({ ...s, arn: `${arnBase}:log-stream:${s.logStreamName}` })),
    nextToken: offset + limit < streams.length ? encodeToken({ offset: offset + limit }) : undefined,
  } satisfies DescribeLogStreamsResponse;
}
