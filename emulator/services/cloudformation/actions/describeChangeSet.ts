import type { DescribeChangeSetInput, DescribeChangeSetOutput } from "@aws-sdk/client-cloudformation";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, lookupStack } from "../stacks.ts";
import type { ChangeSetRecord } from "../store.ts";

export function findChangeSet(cfn: Cfn, ctx: RequestContext, name: string, stackName?: string): ChangeSetRecord {
  const byArn = name.startsWith("arn:") ? cfn.store.changeSets.get(name) : undefined;
  const stack = stackName ? lookupStack(cfn, ctx, stackName) : undefined;
  const cs = byArn ?? [...cfn.store.changeSets.values()].find((c) => c.ChangeSetName === name && c.StackId === stack?.StackId);
  if (!cs || cs.Status === "DELETE_COMPLETE") throw new AwsError("ChangeSetNotFound", `ChangeSet [${name}] does not exist`, 404);
  return cs;
}

export function describeChangeSet(input: DescribeChangeSetInput, ctx: RequestContext, cfn: Cfn) {
  const cs = findChangeSet(cfn, ctx, input.ChangeSetName ?? "", input.StackName);
  return {
    ChangeSetId: cs.ChangeSetId,
    ChangeSetName: cs.ChangeSetName,
    StackId: cs.StackId,
    StackName: cs.StackName,
    Description: cs.Description,
    Parameters: cs.parameters,
    CreationTime: new Date(cs.CreationTime),
    ExecutionStatus: cs.ExecutionStatus,
    Status: cs.Status,
    StatusReason: cs.StatusReason,
    Capabilities: cs.Capabilities as DescribeChangeSetOutput["Capabilities"],
    Tags: cs.Tags,
    Changes: cs.Changes.map((c) => ({
      Type: "Resource" as const,
      ResourceChange: {
        Action: c.Action,
        LogicalResourceId: c.LogicalResourceId,
        PhysicalResourceId: c.PhysicalResourceId,
        ResourceType: c.ResourceType,
        Replacement: c.Replacement,
      },
    })),
  } satisfies DescribeChangeSetOutput;
}
