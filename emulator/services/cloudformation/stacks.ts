// Shared by the actions: finding stacks, loading and checking templates, SDK shapes.
import type { Parameter, Stack, StackResource, Tag as SdkTag } from "@aws-sdk/client-cloudformation";
import { AwsError, validationError } from "../../core/errors.ts";
import type { RequestContext, ServiceEnv } from "../../core/service.ts";
import { type GivenParameter, isNoEcho, resolveParameters } from "./engine/parameters.ts";
import { collectImports, type Engine, exportKey, scopeFor } from "./engine/runner.ts";
import { checkTemplate, type Template } from "./engine/template.ts";
import { parseTemplateBody } from "./engine/yaml.ts";
import type { ResourceModule, Tag } from "./resources/types.ts";
import type { CfnStore, ChangeSetRecord, ResourceState, StackRecord } from "./store.ts";

/** What every action gets besides (input, ctx). */
export interface Cfn {
  env: ServiceEnv;
  store: CfnStore;
  engine: Engine;
  modules: ReadonlyMap<string, ResourceModule>;
  /** Runs a stack operation in the background (CreateStack returns before resources exist). */
  run(stackId: string, op: () => Promise<void>): void;
}

const STACK_NAME = /^[a-zA-Z][-a-zA-Z0-9]*$/;

export function checkStackName(name: string | undefined): string {
  if (!name) throw new AwsError("ValidationError", "1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
  if (!STACK_NAME.test(name) || name.length > 128) {
    throw validationError(`1 validation error detected: Value '${name}' at 'stackName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*`);
  }
  return name;
}

const inScope = (s: StackRecord, ctx: RequestContext) => s.accountId === ctx.accountId && s.region === ctx.region;

/** A live stack by name, or any stack (deleted ones too) by StackId, as AWS resolves StackName. */
export function lookupStack(cfn: Cfn, ctx: RequestContext, nameOrId: string): StackRecord | undefined {
  if (nameOrId.startsWith("arn:")) {
    const s = cfn.store.stacks.get(nameOrId);
    return s && inScope(s, ctx) ? s : undefined;
  }
  for (const s of cfn.store.stacks.values()) if (inScope(s, ctx) && s.StackName === nameOrId && s.StackStatus !== "DELETE_COMPLETE") return s;
  return undefined;
}

export function findStack(cfn: Cfn, ctx: RequestContext, nameOrId: string | undefined): StackRecord {
  if (!nameOrId) throw validationError("1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
  const s = lookupStack(cfn, ctx, nameOrId);
  if (!s) throw validationError(`Stack with id ${nameOrId} does not exist`);
  return s;
}

export function stacksInScope(cfn: Cfn, ctx: RequestContext): StackRecord[] {
  return [...cfn.store.stacks.values()].filter((s) => inScope(s, ctx));
}

/** TemplateBody, or TemplateURL naming an object in the emulator's S3 (path-style or virtual-hosted). */
export async function loadTemplateBody(cfn: Cfn, ctx: RequestContext, input: { TemplateBody?: string; TemplateURL?: string }): Promise<string> {
  if (input.TemplateBody !== undefined && input.TemplateURL !== undefined) throw validationError("Specify exactly one of TemplateBody or TemplateUrl.");
  if (input.TemplateBody !== undefined) {
    if (Buffer.byteLength(input.TemplateBody) > 51_200) throw validationError("1 validation error detected: Value at 'templateBody' failed to satisfy constraint: Member must have length less than or equal to 51200");
    return input.TemplateBody;
  }
  if (input.TemplateURL === undefined) throw validationError("Either Template URL or Template Body must be specified.");
  let url: URL;
  try {
    url = new URL(input.TemplateURL);
  } catch {
    throw validationError("TemplateURL must be a supported URL.");
  }
  const vhost = /^([^.]+)\.s3[.-]/.exec(url.hostname);
  const parts = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
  const [Bucket, Key] = vhost ? [vhost[1], parts.join("/")] : [parts[0], parts.slice(1).join("/")];
  if (!Bucket || !Key) throw validationError("TemplateURL must be a supported URL.");
  try {
    const out = await cfn.env.api.call("s3", "GetObject", { Bucket, Key }, { accountId: ctx.accountId, region: ctx.region });
    return await out.Body.transformToString();
  } catch (e) {
    const err = e as { name?: string; message?: string };
    throw validationError(`S3 error: ${err.name ?? "Error"}: ${err.message ?? "could not read the template"} (TemplateURL ${input.TemplateURL})`);
  }
}

export function parseTemplate(body: string): Template {
  return checkTemplate(parseTemplateBody(body));
}

/** Capabilities a template needs (IAM resources), per the modules' declarations. */
export function requiredCapabilities(cfn: Cfn, t: Template): string[] {
  let needed: string | undefined;
  for (const r of Object.values(t.Resources)) {
    const iam = cfn.modules.get(r.Type)?.iam ?? (r.Type.startsWith("AWS::IAM::") ? {} : undefined);
    if (!iam) continue;
    if (iam.nameProperty && r.Properties?.[iam.nameProperty] !== undefined) needed = "CAPABILITY_NAMED_IAM";
    else needed ??= "CAPABILITY_IAM";
  }
  return needed ? [needed] : [];
}

export function checkCapabilities(cfn: Cfn, t: Template, given: string[] = []) {
  const need = requiredCapabilities(cfn, t);
  // CAPABILITY_NAMED_IAM includes CAPABILITY_IAM. https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
  const ok = need.every((c) => given.includes(c) || (c === "CAPABILITY_IAM" && given.includes("CAPABILITY_NAMED_IAM")));
  if (!ok) throw new AwsError("InsufficientCapabilitiesException", `Requires capabilities : [${need.join(", ")}]`);
}

/** Fn::ImportValue of a name nobody exports fails the request, before anything is created. */
export function checkImports(cfn: Cfn, stack: StackRecord) {
  for (const name of collectImports(scopeFor(cfn.engine, stack))) {
    if (!cfn.store.exports.get(exportKey(stack, name))) throw validationError(`No export named ${name} found.`);
  }
}

export const prepareParameters = (t: Template, given: Parameter[] | undefined, previous?: Record<string, string>) => resolveParameters(t, (given ?? []) as GivenParameter[], previous);

export function toTags(tags: SdkTag[] | undefined): Tag[] {
  return (tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" }));
}

export function sdkParameters(s: StackRecord): Parameter[] {
  return Object.entries(s.parameters).map(([k, v]) => ({ ParameterKey: k, ParameterValue: isNoEcho(s.template.Parameters?.[k]) ? "****" : v }));
}

const date = (iso: string | undefined) => (iso ? new Date(iso) : undefined);

export function sdkStack(s: StackRecord): Stack {
  return {
    StackId: s.StackId,
    StackName: s.StackName,
    Description: s.Description,
    Parameters: sdkParameters(s),
    CreationTime: new Date(s.CreationTime),
    LastUpdatedTime: date(s.LastUpdatedTime),
    DeletionTime: date(s.DeletionTime),
    StackStatus: s.StackStatus,
    StackStatusReason: s.StackStatusReason,
    DisableRollback: s.DisableRollback,
    NotificationARNs: s.NotificationARNs,
    Capabilities: s.Capabilities as Stack["Capabilities"],
    Outputs: s.Outputs.length ? s.Outputs : undefined,
    Tags: s.Tags,
    EnableTerminationProtection: false,
    DriftInformation: { StackDriftStatus: "NOT_CHECKED" },
  };
}

export function sdkResource(s: StackRecord, r: ResourceState): StackResource {
  return {
    StackName: s.StackName,
    StackId: s.StackId,
    LogicalResourceId: r.LogicalResourceId,
    PhysicalResourceId: r.PhysicalResourceId,
    ResourceType: r.ResourceType,
    Timestamp: new Date(r.Timestamp),
    ResourceStatus: r.ResourceStatus,
    ResourceStatusReason: r.ResourceStatusReason,
    DriftInformation: { StackResourceDriftStatus: "NOT_CHECKED" },
  };
}

/** Template parameters as ValidateTemplate / GetTemplateSummary list them. */
export function templateParameters(t: Template) {
  return Object.entries(t.Parameters ?? {}).map(([k, p]) => ({
    ParameterKey: k,
    DefaultValue: p.Default === undefined ? undefined : Array.isArray(p.Default) ? p.Default.join(",") : String(p.Default),
    NoEcho: isNoEcho(p),
    Description: p.Description,
    ParameterType: p.Type,
    ParameterConstraints: p.AllowedValues ? { AllowedValues: p.AllowedValues.map(String) } : {},
  }));
}

/** What an update would do to each resource, statically (change sets). */
export function diffTemplates(cfn: Cfn, stack: StackRecord | undefined, next: Template): ChangeSetRecord["Changes"] {
  const changes: ChangeSetRecord["Changes"] = [];
  const old = stack?.StackStatus === "REVIEW_IN_PROGRESS" ? undefined : stack?.template;
  for (const [id, r] of Object.entries(next.Resources)) {
    const prev = old?.Resources[id];
    if (!prev) changes.push({ LogicalResourceId: id, ResourceType: r.Type, Action: "Add" });
    else if (JSON.stringify(prev) !== JSON.stringify(r) || JSON.stringify(old?.Parameters) !== JSON.stringify(next.Parameters)) {
      const mod = cfn.modules.get(r.Type);
      const replace = prev.Type !== r.Type || !mod?.update || (mod.replaceOn ?? []).some((k) => JSON.stringify(prev.Properties?.[k]) !== JSON.stringify(r.Properties?.[k]));
      if (JSON.stringify(prev) !== JSON.stringify(r)) {
        changes.push({ LogicalResourceId: id, ResourceType: r.Type, Action: "Modify", Replacement: replace ? "True" : "False", PhysicalResourceId: stack?.resources[id]?.PhysicalResourceId });
      }
    }
  }
  for (const [id, r] of Object.entries(old?.Resources ?? {})) {
    if (!next.Resources[id]) changes.push({ LogicalResourceId: id, ResourceType: r.Type, Action: "Remove", PhysicalResourceId: stack?.resources[id]?.PhysicalResourceId });
  }
  return changes;
}
