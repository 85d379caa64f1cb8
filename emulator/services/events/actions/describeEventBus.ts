import type { DescribeEventBusRequest, DescribeEventBusResponse } from "@aws-sdk/client-eventbridge";
import type { RequestContext } from "../../../core/service.ts";
import { EventsStore } from "../store.ts";

export function describeEventBus(input: DescribeEventBusRequest, ctx: RequestContext) {
  const name = EventsStore.busName(input.Name);
  return { Name: name, Arn: EventsStore.busArn(ctx, name) } satisfies DescribeEventBusResponse;
}
