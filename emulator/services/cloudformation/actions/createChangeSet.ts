import { randomUUID } from "node:crypto";
import type { CreateChangeSetInput, CreateChangeSetOutput } from "@aws-sdk/client-cloudformation";
import { AwsError, validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, checkCapabilities, diffTemplates, findStack, loadTemplateBody, lookupStack, parseTemplate, prepareParameters, toTags } from "../stacks.ts";
import type { ChangeSetRecord } from "../store.ts";
import { newStack } from "./createStack.ts";

// Change sets are computed statically from the two templates (no resolution of new values).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-changesets.html
export async function createChangeSet(input: CreateChangeSetInput, ctx: RequestContext, cfn: Cfn) {
  if (!input.ChangeSetName || !/^[a-zA-Z][-a-zA-Z0-9]*$/.test(input.ChangeSetName)) {
    throw validationError(`1 validation error detected: Value '${input.ChangeSetName}' at 'changeSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  }
  const type = input.ChangeSetType ?? "UPDATE";
  let stack = input.StackName ? lookupStack(cfn, ctx, input.StackName) : undefined;
  if (type === "CREATE") {
    if (stack && stack.StackStatus !== "REVIEW_IN_PROGRESS") throw new AwsError("AlreadyExistsException", `Stack [${input.StackName}] already exists`);
    stack ??= await newStack(input, ctx, cfn, true);
  } else stack = findStack(cfn, ctx, input.StackName);
  for (const cs of cfn.store.changeSets.values()) {
    if (cs.StackId === stack.StackId && cs.ChangeSetName === input.ChangeSetName) throw new AwsError("AlreadyExistsException", `ChangeSet [${input.ChangeSetName}] already exists`);
  }
  const templateBody = input.UsePreviousTemplate ? stack.templateBody : await loadTemplateBody(cfn, ctx, input);
  const template = parseTemplate(templateBody);
  prepareParameters(template, input.Parameters, stack.parameters);
  const changes = diffTemplates(cfn, stack, template);
  let capabilityError: string | undefined;
  try {
    checkCapabilities(cfn, template, input.Capabilities);
  } catch (e) {
    capabilityError = (e as Error).message;
  }
  const record: ChangeSetRecord = {
    ChangeSetId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:changeSet/${input.ChangeSetName}/${randomUUID()}`,
    ChangeSetName: input.ChangeSetName,
    StackId: stack.StackId,
    StackName: stack.StackName,
    ChangeSetType: type === "CREATE" ? "CREATE" : "UPDATE",
    Description: input.Description,
    templateBody,
    parameters: input.Parameters ?? [],
    Tags: input.Tags ? toTags(input.Tags) : undefined,
    Capabilities: input.Capabilities,
    Status: capabilityError || (type !== "CREATE" && !changes.length) ? "FAILED" : "CREATE_COMPLETE",
    StatusReason: capabilityError ?? (type !== "CREATE" && !changes.length ? "The submitted information didn't contain changes. Submit different information to create a change set." : undefined),
    ExecutionStatus: capabilityError || (type !== "CREATE" && !changes.length) ? "UNAVAILABLE" : "AVAILABLE",
    CreationTime: new Date().toISOString(),
    Changes: changes,
  };
  cfn.store.changeSets.set(record.ChangeSetId, record);
  return { Id: record.ChangeSetId, StackId: stack.StackId } satisfies CreateChangeSetOutput;
}
