// CloudWatch Logs: groups, streams, events, GetLogEvents / FilterLogEvents (what `aws logs tail`
// polls), retention and tags. JSON 1.1 with target prefix Logs_20140328.
import * as schemas from "@aws-sdk/client-cloudwatch-logs";
import type { Operation, RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { scopedKey } from "../../core/state.ts";
import { createLogGroup } from "./actions/createLogGroup.ts";
import { createLogStream } from "./actions/createLogStream.ts";
import { deleteLogGroup } from "./actions/deleteLogGroup.ts";
import { deleteLogStream } from "./actions/deleteLogStream.ts";
import { deleteRetentionPolicy } from "./actions/deleteRetentionPolicy.ts";
import { describeLogGroups } from "./actions/describeLogGroups.ts";
import { describeLogStreams } from "./actions/describeLogStreams.ts";
import { filterLogEvents } from "./actions/filterLogEvents.ts";
import { getLogEvents } from "./actions/getLogEvents.ts";
import { listTagsForResource } from "./actions/listTagsForResource.ts";
import { listTagsLogGroup } from "./actions/listTagsLogGroup.ts";
import { putLogEvents } from "./actions/putLogEvents.ts";
import { putRetentionPolicy } from "./actions/putRetentionPolicy.ts";
import { tagLogGroup } from "./actions/tagLogGroup.ts";
import { tagResource } from "./actions/tagResource.ts";
import { untagLogGroup } from "./actions/untagLogGroup.ts";
import { untagResource } from "./actions/untagResource.ts";
import { groupNotFound, invalidParameter } from "./errors.ts";
import { type LogGroupRecord, LogStore } from "./store.ts";

export function logs(env: ServiceEnv): ServiceModule {
  const store = new LogStore(env);
  const bind =
    <I, O>(op: (store: LogStore, input: I, ctx: RequestContext) => O | Promise<O>): Operation<I, O> =>
    (input, ctx) =>
      op(store, input ?? ({} as I), ctx);

  return {
    name: "logs",
    signingNames: ["logs"],
    targetPrefixes: ["Logs_20140328"],
    protocols: ["json"],
    schemas,
    operations: {
      CreateLogGroup: bind(createLogGroup),
      CreateLogStream: bind(createLogStream),
      PutLogEvents: bind(putLogEvents),
      GetLogEvents: bind(getLogEvents),
      FilterLogEvents: bind(filterLogEvents),
      DescribeLogGroups: bind(describeLogGroups),
      DescribeLogStreams: bind(describeLogStreams),
      DeleteLogGroup: bind(deleteLogGroup),
      DeleteLogStream: bind(deleteLogStream),
      PutRetentionPolicy: bind(putRetentionPolicy),
      DeleteRetentionPolicy: bind(deleteRetentionPolicy),
      TagResource: bind(tagResource),
      UntagResource: bind(untagResource),
      ListTagsForResource: bind(listTagsForResource),
      TagLogGroup: bind(tagLogGroup),
      UntagLogGroup: bind(untagLogGroup),
      ListTagsLogGroup: bind(listTagsLogGroup),
    },
    start: () => store.start(),
    stop: () => store.stop(),
    reset: () => store.clear(),
  };
}

export const groupArn = (ctx: RequestContext, name: string) => `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;

/**
 * The group a request names, by logGroupName or logGroupIdentifier (a name or an ARN, with or
 * without the trailing ":*").
 */
export function resolveGroup(store: LogStore, ctx: RequestContext, input: { logGroupName?: string; logGroupIdentifier?: string }): { key: string; group: LogGroupRecord } {
  if (input.logGroupName && input.logGroupIdentifier) throw invalidParameter("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
  let name = input.logGroupName ?? input.logGroupIdentifier;
  if (!name) throw invalidParameter("Either logGroupName or logGroupIdentifier must be specified.");
  const arn = /^arn:aws[a-z-]*:logs:([^:]*):(\d{12}):log-group:([^:]+)(:\*)?$/.exec(name);
  if (arn) {
    if (arn[1] !== ctx.region || arn[2] !== ctx.accountId) throw groupNotFound();
    name = arn[3];
  }
  const key = scopedKey(ctx, name);
  const group = store.groups.get(key);
  if (!group) throw groupNotFound();
  return { key, group };
}
