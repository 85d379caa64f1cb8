import type { DescribeStackEventsInput, DescribeStackEventsOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack } from "../stacks.ts";

const PAGE = 100;

/** Newest first, 100 per page, as AWS pages them. */
export function describeStackEvents(input: DescribeStackEventsInput, ctx: RequestContext, cfn: Cfn) {
  const stack = findStack(cfn, ctx, input.StackName);
  const all = [...(cfn.store.events.get(stack.StackId) ?? [])].reverse();
  const start = input.NextToken ? Number(input.NextToken) || 0 : 0;
  const page = all.slice(start, start + PAGE);
  return {
    StackEvents: page.map((e) => ({ ...e, Timestamp: new Date(e.Timestamp) })),
    NextToken: start + PAGE < all.length ? String(start + PAGE) : undefined,
  } satisfies DescribeStackEventsOutput;
}
