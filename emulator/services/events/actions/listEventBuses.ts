// Only the default event bus exists in the emulator; CreateEventBus answers NotImplemented.
import type { ListEventBusesRequest, ListEventBusesResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import { DEFAULT_BUS, EventsStore } from "../store.ts";

export function listEventBuses(input: ListEventBusesRequest, ctx: RequestContext) {
  const buses = DEFAULT_BUS.startsWith(input.NamePrefix ?? "") ? [{ Name: DEFAULT_BUS, Arn: EventsStore.busArn(ctx, DEFAULT_BUS) }] : [];
  return { EventBuses: buses } satisfies ListEventBusesResponse;
}
