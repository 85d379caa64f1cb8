import type { PutLogEventsRequest, PutLogEventsResponse, RejectedLogEventsInfo } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { invalidParameter, required, streamNotFound } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import { type LogStore, streamKey } from "../store.ts";

// https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
const MAX_EVENTS = 10_000;
const MAX_BATCH_BYTES = 1_048_576;
const EVENT_OVERHEAD = 26;
const MAX_EVENT_BYTES = 1_048_576 - EVENT_OVERHEAD;
const DAY_MS = 86400_000;
const MAX_FUTURE_MS = 2 * 3600_000;
const MAX_PAST_MS = 14 * DAY_MS;

/** Sequence tokens are accepted and ignored, as AWS has done since January 2023. */
export function putLogEvents(store: LogStore, input: PutLogEventsRequest, ctx: RequestContext) {
  required(input, "logGroupName", "logStreamName", "logEvents");
  const events = input.logEvents ?? [];
  if (!events.length) throw invalidParameter("1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1");
  if (events.length > MAX_EVENTS) throw invalidParameter(`1 validation error detected: Value at 'logEvents' failed to satisfy constraint: Member must have length less than or equal to ${MAX_EVENTS}`);
  const { key, group } = resolveGroup(store, ctx, input);
  const sKey = streamKey(key, input.logStreamName!);
  const stream = store.streams.get(sKey);
  if (!stream) throw streamNotFound();

  let bytes = 0;
  events.forEach((e, i) => {
    if (typeof e.timestamp !== "number" || !Number.isFinite(e.timestamp)) throw invalidParameter(`logEvents.${i + 1}.timestamp must be a number (milliseconds since the epoch).`);
    if (!e.message) throw invalidParameter(`1 validation error detected: Value at 'logEvents.${i + 1}.member.message' failed to satisfy constraint: Member must have length greater than or equal to 1`);
    const size = Buffer.byteLength(e.message);
    if (size > MAX_EVENT_BYTES) throw invalidParameter(`Log event ${i + 1} is too large (${size} bytes; the limit is ${MAX_EVENT_BYTES}).`);
    bytes += size + EVENT_OVERHEAD;
    if (i > 0 && e.timestamp! < events[i - 1].timestamp!) throw invalidParameter("Log events in a single PutLogEvents request must be in chronological order.");
  });
  if (bytes > MAX_BATCH_BYTES) throw invalidParameter(`Upload too large: ${bytes} bytes exceeds ${MAX_BATCH_BYTES} bytes`);
  if (events[events.length - 1].timestamp! - events[0].timestamp! > DAY_MS) throw invalidParameter("The batch of log events in a single PutLogEvents request cannot span more than 24 hours.");

  // Too old / expired events lead the batch and too new ones trail it (it is sorted by time).
  const now = Date.now();
  const retentionStart = group.retentionInDays ? now - group.retentionInDays * DAY_MS : Number.NEGATIVE_INFINITY;
  const info: RejectedLogEventsInfo = {};
  let first = 0;
  let last = events.length;
  events.forEach((e, i) => {
    const ts = e.timestamp!;
    if (ts < now - MAX_PAST_MS) {
      info.tooOldLogEventEndIndex = i;
      first = i + 1;
    } else if (ts < retentionStart) {
      info.expiredLogEventEndIndex = i;
      first = i + 1;
    }
    if (ts > now + MAX_FUTURE_MS && last === events.length) {
      info.tooNewLogEventStartIndex = i;
      last = i;
    }
  });
  const accepted = events.slice(first, last).map((e) => ({ timestamp: e.timestamp!, message: e.message! }));
  if (accepted.length) {
    store.insert(key, stream.logStreamName, accepted, now);
    stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp ?? Number.POSITIVE_INFINITY, accepted[0].timestamp);
    stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp ?? 0, accepted[accepted.length - 1].timestamp);
    stream.lastIngestionTime = now;
    stream.storedBytes += accepted.reduce((n, e) => n + Buffer.byteLength(e.message), 0);
  }
  stream.uploadSequenceToken = String(BigInt(stream.uploadSequenceToken) + 1n);
  store.streams.set(sKey, stream);
  return {
    nextSequenceToken: `4959${stream.uploadSequenceToken.padStart(52, "0")}`,
    rejectedLogEventsInfo: Object.keys(info).length ? info : undefined,
  } satisfies PutLogEventsResponse;
}
