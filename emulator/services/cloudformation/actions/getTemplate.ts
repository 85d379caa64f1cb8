import type { GetTemplateInput, GetTemplateOutput } from "@aws-sdk/client-cloudformation";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack } from "../stacks.ts";
import { findChangeSet } from "./describeChangeSet.ts";

/** The template exactly as submitted (JSON or YAML). */
export function getTemplate(input: GetTemplateInput, ctx: RequestContext, cfn: Cfn) {
  if (input.ChangeSetName) return { TemplateBody: findChangeSet(cfn, ctx, input.ChangeSetName, input.StackName).templateBody, StagesAvailable: ["Original", "Processed"] } satisfies GetTemplateOutput;
  if (!input.StackName) throw validationError("Either StackName or ChangeSetName must be specified.");
  const stack = findStack(cfn, ctx, input.StackName);
  return { TemplateBody: stack.templateBody, StagesAvailable: ["Original", "Processed"] } satisfies GetTemplateOutput;
}
