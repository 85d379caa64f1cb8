import type { DescribeStackResourcesInput, DescribeStackResourcesOutput } from "@aws-sdk/client-cloudformation";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack, sdkResource, stacksInScope } from "../stacks.ts";

export function describeStackResources(input: DescribeStackResourcesInput, ctx: RequestContext, cfn: Cfn) {
  let stack = input.StackName ? findStack(cfn, ctx, input.StackName) : undefined;
  if (!stack && input.PhysicalResourceId) {
    stack = stacksInScope(cfn, ctx).find((s) => s.StackStatus !== "DELETE_COMPLETE" && Object.values(s.resources).some((r) => r.PhysicalResourceId === input.PhysicalResourceId));
    if (!stack) throw validationError(`Stack for ${input.PhysicalResourceId} does not exist`);
  }
  if (!stack) throw validationError("Either StackName or PhysicalResourceId must be specified.");
  const s = stack;
  const resources = Object.values(s.resources).filter((r) => !input.LogicalResourceId || r.LogicalResourceId === input.LogicalResourceId);
  return { StackResources: resources.map((r) => sdkResource(s, r)) } satisfies DescribeStackResourcesOutput;
}
