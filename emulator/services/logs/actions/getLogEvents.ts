import type { GetLogEventsRequest, GetLogEventsResponse } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { invalidParameter, required, streamNotFound } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import { type LogStore, streamKey } from "../store.ts";

// Tokens are "f/<position>" (read forward from it) and "b/<position>" (read backward), where a
// position is an event's (timestamp, id) written as 40 digits. At either end AWS hands back the
// token it was given, which is how paginators (and the CLI) know to stop.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_GetLogEvents.html
const pos = (ts: number, id: number) => `${String(Math.max(0, ts)).padStart(20, "0")}${String(id).padStart(20, "0")}`;

function parseToken(token: string): { dir: "f" | "b"; at: [number, number] } {
  const m = /^([fb])\/(\d{20})(\d{20})$/.exec(token);
  if (!m) throw invalidParameter("The specified nextToken is invalid.");
  return { dir: m[1] as "f" | "b", at: [Number(m[2]), Number(m[3])] };
}

export function getLogEvents(store: LogStore, input: GetLogEventsRequest, ctx: RequestContext) {
  required(input, "logStreamName");
  const limit = input.limit ?? 10_000;
  if (limit < 1 || limit > 10_000) throw invalidParameter("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
  const { key } = resolveGroup(store, ctx, input);
  if (!store.streams.has(streamKey(key, input.logStreamName!))) throw streamNotFound();
  const token = input.nextToken ? parseToken(input.nextToken) : undefined;
  const forward = token ? token.dir === "f" : input.startFromHead === true;
  const base = { group: key, stream: input.logStreamName!, start: input.startTime, end: input.endTime === undefined ? undefined : input.endTime - 1, limit };
  const rows = forward ? store.query({ ...base, after: token?.at }) : store.query({ ...base, before: token?.at, descending: true }).reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const here = token ? pos(token.at[0], token.at[1]) : pos(0, 0);
  return {
    events: rows.map((r) => ({ timestamp: r.ts, message: r.message, ingestionTime: r.ingest })),
    nextForwardToken: `f/${last ? pos(last.ts, last.id) : here}`,
    nextBackwardToken: `b/${first ? pos(first.ts, first.id) : here}`,
  } satisfies GetLogEventsResponse;
}
