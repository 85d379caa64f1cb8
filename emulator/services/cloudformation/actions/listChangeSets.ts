import type { ListChangeSetsInput, ListChangeSetsOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack } from "../stacks.ts";

export function listChangeSets(input: ListChangeSetsInput, ctx: RequestContext, cfn: Cfn) {
  const stack = findStack(cfn, ctx, input.StackName);
  return {
    Summaries: [...cfn.store.changeSets.values()]
      .filter((c) => c.StackId === stack.StackId)
      .map((c) => ({
        StackId: c.StackId,
        StackName: c.StackName,
        ChangeSetId: c.ChangeSetId,
        ChangeSetName: c.ChangeSetName,
        ExecutionStatus: c.ExecutionStatus,
        Status: c.Status,
        StatusReason: c.StatusReason,
        CreationTime: new Date(c.CreationTime),
        Description: c.Description,
      })),
  } satisfies ListChangeSetsOutput;
}
