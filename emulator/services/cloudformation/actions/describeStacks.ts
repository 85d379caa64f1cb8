import type { DescribeStacksInput, DescribeStacksOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack, sdkStack, stacksInScope } from "../stacks.ts";

export function describeStacks(input: DescribeStacksInput, ctx: RequestContext, cfn: Cfn) {
  const stacks = input.StackName ? [findStack(cfn, ctx, input.StackName)] : stacksInScope(cfn, ctx).filter((s) => s.StackStatus !== "DELETE_COMPLETE");
  return { Stacks: stacks.map(sdkStack) } satisfies DescribeStacksOutput;
}
