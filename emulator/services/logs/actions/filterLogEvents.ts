import type { FilteredLogEvent, FilterLogEventsRequest, FilterLogEventsResponse } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { decodeToken, encodeToken, invalidParameter } from "../errors.ts";
import { compileFilterPattern } from "../filterPattern.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

// Events of a group, interleaved by time across streams. A page stops at `limit` events,
// 1 MB of messages, or after scanning SCAN_BUDGET events; like AWS, a page may then hold few or
// no events and still carry a nextToken.
// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_FilterLogEvents.html
const CHUNK = 2000;
const SCAN_BUDGET = 200_000;
const MAX_BYTES = 1_048_576;

interface Cursor {
  ts: number;
  id: number;
}

export function filterLogEvents(store: LogStore, input: FilterLogEventsRequest, ctx: RequestContext) {
  const limit = input.limit ?? 10_000;
  if (limit < 1 || limit > 10_000) throw invalidParameter("1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value between 1 and 10000");
  if (input.logStreamNames?.length && input.logStreamNamePrefix) throw invalidParameter("logStreamNames and logStreamNamePrefix are mutually exclusive.");
  if ((input.logStreamNames?.length ?? 0) > 100) throw invalidParameter("1 validation error detected: Value at 'logStreamNames' failed to satisfy constraint: Member must have length less than or equal to 100");
  if (input.startTime !== undefined && input.endTime !== undefined && input.startTime > input.endTime) throw invalidParameter("startTime must be less than or equal to endTime.");
  const { key } = resolveGroup(store, ctx, input);
  const matches = compileFilterPattern(input.filterPattern);
  let after: [number, number] | undefined;
  if (input.nextToken) {
    const c = decodeToken<Cursor>(input.nextToken, (v) => Number.isInteger(v?.ts) && Number.isInteger(v?.id));
    after = [c.ts, c.id];
  }

  const scope = { group: key, streams: input.logStreamNames, streamPrefix: input.logStreamNamePrefix, contains: matches.required, start: input.startTime, end: input.endTime };
  const events: FilteredLogEvent[] = [];
  let bytes = 0;
  let scanned = 0;
  let more = false;
  for (;;) {
    const rows = store.query({ ...scope, after, limit: CHUNK });
    for (const r of rows) {
      after = [r.ts, r.id];
      scanned++;
      if (matches(r.message)) {
        events.push({ logStreamName: r.stream, timestamp: r.ts, message: r.message, ingestionTime: r.ingest, eventId: String(r.id) });
        bytes += Buffer.byteLength(r.message);
      }
      if (events.length >= limit || bytes >= MAX_BYTES || scanned >= SCAN_BUDGET) break;
    }
    const full = events.length >= limit || bytes >= MAX_BYTES || scanned >= SCAN_BUDGET;
    if (full) {
      more = store.query({ ...scope, after, limit: 1 }).length > 0;
      break;
    }
    if (rows.length < CHUNK) break;
  }
  return { events, searchedLogStreams: [], nextToken: more && after ? encodeToken({ ts: after[0], id: after[1] }) : undefined } satisfies FilterLogEventsResponse;
}
