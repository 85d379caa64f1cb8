import type { UpdateStackInput, UpdateStackOutput } from "@aws-sdk/client-cloudformation";
import { isDeepStrictEqual } from "node:util";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type NextVersion, runUpdate } from "../engine/runner.ts";
import { UPDATABLE } from "../engine/status.ts";
import { type Cfn, checkCapabilities, checkImports, findStack, loadTemplateBody, parseTemplate, prepareParameters, toTags } from "../stacks.ts";
import type { StackRecord } from "../store.ts";

/** The stack's next version after validation; throws "No updates are to be performed." when nothing changes. */
export async function nextVersion(input: UpdateStackInput, ctx: RequestContext, cfn: Cfn, stack: StackRecord): Promise<NextVersion> {
  if (!UPDATABLE.includes(stack.StackStatus)) throw validationError(`Stack:${stack.StackId} is in ${stack.StackStatus} state and can not be updated.`);
  let templateBody: string;
  if (input.UsePreviousTemplate) {
    if (input.TemplateBody !== undefined || input.TemplateURL !== undefined) throw validationError("Specify exactly one of TemplateBody, TemplateUrl or UsePreviousTemplate.");
    templateBody = stack.templateBody;
  } else templateBody = await loadTemplateBody(cfn, ctx, input);
  const template = parseTemplate(templateBody);
  const parameters = prepareParameters(template, input.Parameters, stack.parameters);
  checkCapabilities(cfn, template, input.Capabilities);
  const Tags = input.Tags ? toTags(input.Tags) : stack.Tags;
  if (isDeepStrictEqual(template, stack.template) && isDeepStrictEqual(parameters, stack.parameters) && isDeepStrictEqual(Tags, stack.Tags)) {
    throw validationError("No updates are to be performed.");
  }
  checkImports(cfn, { ...stack, template, parameters });
  return { templateBody, template, parameters, Tags, Description: template.Description };
}

export async function updateStack(input: UpdateStackInput, ctx: RequestContext, cfn: Cfn) {
  const stack = findStack(cfn, ctx, input.StackName);
  const next = await nextVersion(input, ctx, cfn, stack);
  if (input.Capabilities) stack.Capabilities = input.Capabilities;
  cfn.run(stack.StackId, () => runUpdate(cfn.engine, stack, next));
  return { StackId: stack.StackId } satisfies UpdateStackOutput;
}
