import type { ListStackResourcesInput, ListStackResourcesOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack } from "../stacks.ts";

export function listStackResources(input: ListStackResourcesInput, ctx: RequestContext, cfn: Cfn) {
  const stack = findStack(cfn, ctx, input.StackName);
  return {
    StackResourceSummaries: Object.values(stack.resources).map((r) => ({
      LogicalResourceId: r.LogicalResourceId,
      PhysicalResourceId: r.PhysicalResourceId,
      ResourceType: r.ResourceType,
      LastUpdatedTimestamp: new Date(r.Timestamp),
      ResourceStatus: r.ResourceStatus,
      ResourceStatusReason: r.ResourceStatusReason,
      DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" as const },
    })),
  } satisfies ListStackResourcesOutput;
}
