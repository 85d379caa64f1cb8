import { randomUUID } from "node:crypto";
import type { CreateStackInput, CreateStackOutput } from "@aws-sdk/client-cloudformation";
import { AwsError, validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { runCreate, startStack } from "../engine/runner.ts";
import { type Cfn, checkCapabilities, checkImports, checkStackName, loadTemplateBody, lookupStack, parseTemplate, prepareParameters, toTags } from "../stacks.ts";
import type { StackRecord } from "../store.ts";

/** Validates, records the stack as CREATE_IN_PROGRESS (or REVIEW_IN_PROGRESS for a CREATE change set). */
export async function newStack(input: CreateStackInput, ctx: RequestContext, cfn: Cfn, review = false): Promise<StackRecord> {
  const name = checkStackName(input.StackName);
  if (lookupStack(cfn, ctx, name)) throw new AwsError("AlreadyExistsException", `Stack [${name}] already exists`);
  const templateBody = await loadTemplateBody(cfn, ctx, input);
  const template = parseTemplate(templateBody);
  const parameters = prepareParameters(template, input.Parameters);
  if (!review) checkCapabilities(cfn, template, input.Capabilities);
  if (input.OnFailure && input.DisableRollback !== undefined) throw validationError("You can specify either DisableRollback or OnFailure, but not both.");
  const stack: StackRecord = {
    StackId: `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${name}/${randomUUID()}`,
    StackName: name,
    accountId: ctx.accountId,
    region: ctx.region,
    Description: template.Description,
    templateBody,
    template,
    parameters,
    Tags: toTags(input.Tags),
    Capabilities: input.Capabilities ?? [],
    NotificationARNs: input.NotificationARNs ?? [],
    DisableRollback: input.DisableRollback ?? input.OnFailure === "DO_NOTHING",
    OnFailure: input.OnFailure,
    StackStatus: "REVIEW_IN_PROGRESS",
    CreationTime: new Date().toISOString(),
    Outputs: [],
    resources: {},
    imports: [],
  };
  if (!review) checkImports(cfn, stack);
  startStack(cfn.engine, stack, review ? "REVIEW_IN_PROGRESS" : "CREATE_IN_PROGRESS", review ? undefined : "User Initiated");
  return stack;
}

export async function createStack(input: CreateStackInput, ctx: RequestContext, cfn: Cfn) {
  const stack = await newStack(input, ctx, cfn);
  cfn.run(stack.StackId, () => runCreate(cfn.engine, stack));
  return { StackId: stack.StackId } satisfies CreateStackOutput;
}
