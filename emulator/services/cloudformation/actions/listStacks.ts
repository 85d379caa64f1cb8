import type { ListStacksInput, ListStacksOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, stacksInScope } from "../stacks.ts";

// Deleted stacks stay listed as DELETE_COMPLETE (AWS keeps them for 90 days).
export function listStacks(input: ListStacksInput, ctx: RequestContext, cfn: Cfn) {
  const filter = input.StackStatusFilter ?? [];
  const stacks = stacksInScope(cfn, ctx)
    .filter((s) => !filter.length || filter.includes(s.StackStatus))
    .sort((a, b) => b.CreationTime.localeCompare(a.CreationTime));
  return {
    StackSummaries: stacks.map((s) => ({
      StackId: s.StackId,
      StackName: s.StackName,
      TemplateDescription: s.Description,
      CreationTime: new Date(s.CreationTime),
      LastUpdatedTime: s.LastUpdatedTime ? new Date(s.LastUpdatedTime) : undefined,
      DeletionTime: s.DeletionTime ? new Date(s.DeletionTime) : undefined,
      StackStatus: s.StackStatus,
      StackStatusReason: s.StackStatusReason,
      DriftInformation: { StackDriftStatus: "NOT_CHECKED" as const },
    })),
  } satisfies ListStacksOutput;
}
