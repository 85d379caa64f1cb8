import type { DescribeStackResourceInput, DescribeStackResourceOutput } from "@aws-sdk/client-cloudformation";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack } from "../stacks.ts";

export function describeStackResource(input: DescribeStackResourceInput, ctx: RequestContext, cfn: Cfn) {
  const stack = findStack(cfn, ctx, input.StackName);
  const r = input.LogicalResourceId ? stack.resources[input.LogicalResourceId] : undefined;
  if (!r) throw validationError(`Resource ${input.LogicalResourceId} does not exist for stack ${input.StackName}`);
  const metadata = stack.template.Resources[r.LogicalResourceId]?.Metadata;
  return {
    StackResourceDetail: {
      StackName: stack.StackName,
      StackId: stack.StackId,
      LogicalResourceId: r.LogicalResourceId,
      PhysicalResourceId: r.PhysicalResourceId,
      ResourceType: r.ResourceType,
      LastUpdatedTimestamp: new Date(r.Timestamp),
      ResourceStatus: r.ResourceStatus,
      ResourceStatusReason: r.ResourceStatusReason,
      Metadata: metadata === undefined ? undefined : JSON.stringify(metadata),
      DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" },
    },
  } satisfies DescribeStackResourceOutput;
}
