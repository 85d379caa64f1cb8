import type { ExecuteChangeSetInput, ExecuteChangeSetOutput } from "@aws-sdk/client-cloudformation";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { runCreate, runUpdate, setStackStatus } from "../engine/runner.ts";
import { type Cfn, checkCapabilities, findStack, parseTemplate, prepareParameters } from "../stacks.ts";
import { findChangeSet } from "./describeChangeSet.ts";
import { nextVersion } from "./updateStack.ts";

export async function executeChangeSet(input: ExecuteChangeSetInput, ctx: RequestContext, cfn: Cfn) {
  const cs = findChangeSet(cfn, ctx, input.ChangeSetName ?? "", input.StackName);
  if (cs.ExecutionStatus !== "AVAILABLE") {
    throw new AwsError("InvalidChangeSetStatus", `ChangeSet [${cs.ChangeSetId}] cannot be executed in its current execution status of [${cs.ExecutionStatus}]`);
  }
  const stack = findStack(cfn, ctx, cs.StackId);
  if (cs.ChangeSetType === "CREATE") {
    const template = parseTemplate(cs.templateBody);
    checkCapabilities(cfn, template, cs.Capabilities);
    Object.assign(stack, { templateBody: cs.templateBody, template, parameters: prepareParameters(template, cs.parameters), Tags: cs.Tags ?? [], Description: template.Description, Capabilities: cs.Capabilities ?? [] });
    setStackStatus(cfn.engine, stack, "CREATE_IN_PROGRESS", "User Initiated");
    cfn.run(stack.StackId, () => runCreate(cfn.engine, stack));
  } else {
    const next = await nextVersion({ StackName: cs.StackId, TemplateBody: cs.templateBody, Parameters: cs.parameters, Tags: cs.Tags, Capabilities: cs.Capabilities as never }, ctx, cfn, stack);
    cfn.run(stack.StackId, () => runUpdate(cfn.engine, stack, next));
  }
  // Executing one change set makes the stack's other change sets obsolete.
  for (const other of cfn.store.changeSets.values()) {
    if (other.StackId !== stack.StackId) continue;
    other.ExecutionStatus = other.ChangeSetId === cs.ChangeSetId ? "EXECUTE_COMPLETE" : "OBSOLETE";
    cfn.store.changeSets.set(other.ChangeSetId, other);
  }
  return {} satisfies ExecuteChangeSetOutput;
}
