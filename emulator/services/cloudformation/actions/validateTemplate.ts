import type { ValidateTemplateInput, ValidateTemplateOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import { checkParameterType } from "../engine/parameters.ts";
import { type Cfn, loadTemplateBody, parseTemplate, requiredCapabilities, templateParameters } from "../stacks.ts";

export async function validateTemplate(input: ValidateTemplateInput, ctx: RequestContext, cfn: Cfn) {
  const t = parseTemplate(await loadTemplateBody(cfn, ctx, input));
  for (const [k, p] of Object.entries(t.Parameters ?? {})) checkParameterType(k, p.Type);
  const caps = requiredCapabilities(cfn, t);
  return {
    Parameters: templateParameters(t).map(({ ParameterKey, DefaultValue, NoEcho, Description }) => ({ ParameterKey, DefaultValue, NoEcho, Description })),
    Description: t.Description,
    Capabilities: caps.length ? (caps as ValidateTemplateOutput["Capabilities"]) : undefined,
    CapabilitiesReason: caps.length ? "The following resource(s) require capabilities: [AWS::IAM::*]" : undefined,
    DeclaredTransforms: t.Transform === undefined ? undefined : [t.Transform].flat().map(String),
  } satisfies ValidateTemplateOutput;
}
