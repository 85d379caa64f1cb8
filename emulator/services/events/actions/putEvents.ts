import { randomUUID } from "node:crypto";
import type { PutEventsRequest, PutEventsRequestEntry, PutEventsResponse, PutEventsResultEntry } from "@aws-sdk/client-eventbridge";
import type { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { EventsBackend } from "../backend.ts";
import { eventTime } from "../delivery.ts";
import { validation } from "../errors.ts";
import { EventsStore } from "../store.ts";

// Bad entries fail one by one in the result, the others go through.
// https://docs.aws.amazon.com/eventbridge/latest/APIReference/API_PutEvents.html
export function putEvents(input: PutEventsRequest, ctx: RequestContext, be: EventsBackend) {
  const entries = input.Entries ?? [];
  if (entries.length < 1 || entries.length > 10) {
    throw validation("1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10");
  }
  const results = entries.map((e) => putOne(e, ctx, be));
  return { FailedEntryCount: results.filter((r) => r.ErrorCode).length, Entries: results } satisfies PutEventsResponse;
}

function putOne(entry: PutEventsRequestEntry, ctx: RequestContext, be: EventsBackend): PutEventsResultEntry {
  const invalid = (member: string) => ({ ErrorCode: "InvalidArgument", ErrorMessage: `Parameter ${member} is not valid. Reason: ${member} is a required argument.` });
  if (!entry.Source) return invalid("Source");
  if (!entry.DetailType) return invalid("DetailType");
  if (!entry.Detail) return invalid("Detail");
  // Sources starting with "aws." belong to AWS services.
  if (entry.Source.startsWith("aws.")) return { ErrorCode: "NotAuthorizedForSourceException", ErrorMessage: "Not authorized for the source." };
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  }
  if (detail === null || typeof detail !== "object" || Array.isArray(detail)) return { ErrorCode: "MalformedDetail", ErrorMessage: "Detail is malformed." };
  let bus: string;
  try {
    bus = EventsStore.busName(entry.EventBusName);
  } catch (e) {
    return { ErrorCode: (e as AwsError).code, ErrorMessage: (e as AwsError).message };
  }
  const id = randomUUID();
  be.dispatch(ctx, bus, {
    version: "0",
    id,
    "detail-type": entry.DetailType,
    source: entry.Source,
    account: ctx.accountId,
    time: eventTime(entry.Time ?? new Date()),
    region: ctx.region,
    resources: entry.Resources ?? [],
    detail,
  });
  return { EventId: id };
}
