import type { GetTemplateSummaryInput, GetTemplateSummaryOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { type Cfn, findStack, loadTemplateBody, parseTemplate, requiredCapabilities, templateParameters } from "../stacks.ts";

export async function getTemplateSummary(input: GetTemplateSummaryInput, ctx: RequestContext, cfn: Cfn) {
  const body = input.StackName ? findStack(cfn, ctx, input.StackName).templateBody : await loadTemplateBody(cfn, ctx, input);
  const t = parseTemplate(body);
  const caps = requiredCapabilities(cfn, t);
  return {
    Parameters: templateParameters(t),
    Description: t.Description,
    Capabilities: caps.length ? (caps as GetTemplateSummaryOutput["Capabilities"]) : undefined,
    CapabilitiesReason: caps.length ? "The following resource(s) require capabilities: [AWS::IAM::*]" : undefined,
    ResourceTypes: [...new Set(Object.values(t.Resources).map((r) => r.Type))],
    Version: t.AWSTemplateFormatVersion,
    Metadata: t.Metadata ? JSON.stringify(t.Metadata) : undefined,
    DeclaredTransforms: t.Transform === undefined ? undefined : [t.Transform].flat().map(String),
    ResourceIdentifierSummaries: [],
  } satisfies GetTemplateSummaryOutput;
}
