// The lab's stacks in deploy order, each with its template, the parameters the console
// passes, the capabilities it acknowledges and the stack tag CloudFormation propagates to
// every resource it creates (so the orphan check can find anything left behind).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Capability, Parameter, Tag } from "@aws-sdk/client-cloudformation";
import { parseDocument } from "yaml";
import { z } from "zod";
import { type BreakerParams, DEFAULT_BREAKER_PARAMS } from "./breaker-params.ts";
import { ALL_STACK_NAMES, DEFAULT_PORTS, DEFAULT_TTL_HOURS, LAB_TAG, LAMBDAS, type MeshVariant, SERVICES, STACKS, stackOrder, TTL_FUNCTION } from "./contract.ts";
import type { TtlExpiry } from "./ttl.ts";

/** The repository root; inside the console's bundles (no import.meta.dirname) the launcher's working directory. */
export const REPO_ROOT = import.meta.dirname ? path.resolve(/*turbopackIgnore: true*/ import.meta.dirname, "..", "..") : process.cwd();

export interface StackSpec {
  name: string;
  /** Path under the repository root. */
  template: string;
  capabilities: Capability[];
  tags: Tag[];
}

const TEMPLATES: Record<string, string> = {
  [STACKS.bootstrap]: "cloudformation/bootstrap.yaml",
  [STACKS.network]: "cloudformation/network.yaml",
  [STACKS.messaging]: "cloudformation/messaging.yaml",
  [STACKS.resilience]: "cloudformation/resilience.yaml",
  [STACKS.servicesAppMesh]: "cloudformation/services-appmesh.yaml",
  [STACKS.servicesConnect]: "cloudformation/services-connect.yaml",
  [STACKS.ttl]: "cloudformation/ttl.yaml",
  [STACKS.images]: "cloudformation/images.yaml",
};

/** Every stack name the lab may have, in creation order (both services variants, the images stack). */
export const ALL_STACKS: readonly string[] = ALL_STACK_NAMES;

function spec(name: string): StackSpec {
  return {
    name,
    template: TEMPLATES[name],
    // The resilience and services stacks name their IAM roles' policies; acknowledging
    // NAMED_IAM covers plain IAM too.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
    capabilities: ["CAPABILITY_NAMED_IAM"],
    tags: [{ ...LAB_TAG }],
  };
}

export function catalog(variant: MeshVariant): StackSpec[] {
  return stackOrder(variant).map(spec);
}

/** Specific stacks of the lab's, in creation order (the images stack included). */
export function stacksNamed(names: readonly string[]): StackSpec[] {
  return ALL_STACKS.filter((n) => names.includes(n)).map(spec);
}

/** The services stack of the variant that is not being deployed: both bind the same listener port. */
export function otherServicesStack(variant: MeshVariant): string {
  return variant === "appmesh" ? STACKS.servicesConnect : STACKS.servicesAppMesh;
}

/** What a learner (or a test) may tune; everything else comes from the contract. */
export interface LabParameters {
  listenerPort: number;
  /** Tasks per service. */
  desiredCount?: number;
  /** Saved in Settings (lib/lab/breaker-params.ts); the lab preset by default. */
  breaker: BreakerParams;
  /** App Mesh canary: share of inventory calls to v1 and v2, in percent. */
  canary: { v1: number; v2: number };
  /** Hours until the lab removes itself (cloudformation/ttl.yaml); each deploy restarts the clock. */
  ttlHours: number;
}

export const DEFAULT_PARAMETERS: LabParameters = {
  listenerPort: DEFAULT_PORTS.listener,
  breaker: DEFAULT_BREAKER_PARAMS,
  canary: { v1: 90, v2: 10 },
  ttlHours: DEFAULT_TTL_HOURS,
};

const listenerPort = z.coerce.number().int().min(1).max(65535);

/**
 * Parameters the environment may override: LISTENER_PORT moves the lab's load balancer off
 * 8080 (the browser tests use it so they never collide with a running lab). A bad value
 * throws an error that names it.
 */
export function parametersFromEnv(env: Record<string, string | undefined> = process.env): Partial<LabParameters> {
  if (!env.LISTENER_PORT) return {};
  const parsed = listenerPort.safeParse(env.LISTENER_PORT);
  if (!parsed.success) throw new Error(`LISTENER_PORT must be a port number between 1 and 65535 (got "${env.LISTENER_PORT}")`);
  return { listenerPort: parsed.data };
}

/** What earlier steps of a deploy produced: bundle keys and the image registry. */
export interface DeployContext {
  /** Lambda function name → S3 key of its bundle in the artifacts bucket. */
  lambdaKeys: Record<string, string>;
  /** `<account>.dkr.ecr.<region>.amazonaws.com/cross-service-lab`, the bootstrap stack's output. */
  repositoryUriPrefix?: string;
  /** The bootstrap stack's artifacts bucket, once known. */
  artifactsBucket?: string;
  /** When this deploy's lab expires (lib/lab/ttl.ts). */
  expiry?: TtlExpiry;
  /** The target's stack polling interval, which the TTL function uses too. */
  stackPollMs?: number;
  /** Where `npm run aws:images` uploaded the source zip (images/source-<sha>.zip). */
  imageSourceKey?: string;
}

const IMAGE_PARAMETERS: Record<string, string> = {
  UserServiceImage: SERVICES.user,
  OrderServiceImage: SERVICES.order,
  InventoryServiceImage: SERVICES.inventory,
  InventoryServiceV2Image: SERVICES.inventoryV2,
  NotificationServiceImage: SERVICES.notification,
};
const LAMBDA_KEY_PARAMETERS: Record<string, string> = {
  CircuitBreakerManagerKey: LAMBDAS.circuitBreakerManager,
  HealthCheckerKey: LAMBDAS.healthChecker,
  AnalyticsConsumerKey: LAMBDAS.analyticsConsumer,
  TtlFunctionKey: TTL_FUNCTION,
};

/** What a template's parameters ask the deploy to prepare first. */
export function templateNeeds(template: Pick<TemplateFile, "parameters">) {
  return {
    lambdaBundles: template.parameters.some((p) => p in LAMBDA_KEY_PARAMETERS),
    images: template.parameters.some((p) => p in IMAGE_PARAMETERS),
  };
}

/** One value per parameter name any lab template declares; undefined leaves the template's default. */
function parameterValue(name: string, p: LabParameters, ctx: DeployContext): string | number | undefined {
  if (name in IMAGE_PARAMETERS) return ctx.repositoryUriPrefix && `${ctx.repositoryUriPrefix}/${IMAGE_PARAMETERS[name]}:latest`;
  if (name in LAMBDA_KEY_PARAMETERS) return ctx.lambdaKeys[LAMBDA_KEY_PARAMETERS[name]];
  switch (name) {
    case "CodeBucket":
      return ctx.artifactsBucket;
    case "ExpiresAt":
      return ctx.expiry?.expiresAt;
    case "ExpirySchedule":
      return ctx.expiry?.schedule;
    case "StackPollMs":
      return ctx.stackPollMs;
    case "SourceKey":
      return ctx.imageSourceKey;
    case "ListenerPort":
      return p.listenerPort;
    case "DesiredCount":
      return p.desiredCount;
    case "FailureThreshold":
      return p.breaker.failureThreshold;
    case "WindowSeconds":
      return p.breaker.windowSeconds;
    case "OpenSeconds":
      return p.breaker.openSeconds;
    case "SuccessThreshold":
      return p.breaker.successThreshold;
    case "InventoryV1Weight":
      return p.canary.v1;
    case "InventoryV2Weight":
      return p.canary.v2;
  }
  return undefined;
}

/** The parameters to pass: only those the template declares, so a template may drop one safely. */
export function stackParameters(declared: readonly string[], p: LabParameters, ctx: DeployContext): Parameter[] {
  const out: Parameter[] = [];
  for (const name of declared) {
    const value = parameterValue(name, p, ctx);
    if (value !== undefined && value !== "") out.push({ ParameterKey: name, ParameterValue: String(value) });
  }
  return out;
}

export interface TemplateFile {
  body: string;
  bytes: number;
  sha256: string;
  parameters: string[];
  /** Resources the template declares (conditions may create fewer). */
  resourceCount: number;
}

/** Reads a template and what the deploy needs to know about it. */
export async function readTemplate(stack: StackSpec, root = REPO_ROOT): Promise<TemplateFile> {
  const body = await readFile(/*turbopackIgnore: true*/ path.join(root, stack.template), "utf8");
  // The short-form tags (!Ref, !Sub, …) do not matter for counting keys; without a schema
  // for them the parser keeps their plain values and only warns.
  const doc = parseDocument(body, { logLevel: "silent" });
  if (doc.errors.length) throw new Error(`${stack.template} is not valid YAML: ${doc.errors[0].message}`);
  const json = (doc.toJS() ?? {}) as { Parameters?: Record<string, unknown>; Resources?: Record<string, unknown> };
  return {
    body,
    bytes: Buffer.byteLength(body),
    sha256: createHash("sha256").update(body).digest("hex"),
    parameters: Object.keys(json.Parameters ?? {}),
    resourceCount: Object.keys(json.Resources ?? {}).length,
  };
}

// Larger templates must be passed by URL from S3.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
export const TEMPLATE_BODY_LIMIT = 51_200;
