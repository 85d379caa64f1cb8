// Everything that differs between the local emulator and a real AWS account
// lives in this module. The rest of the console asks for a capability; it never
// branches on `target.kind` itself.
import { fromIni, fromNodeProviderChain } from "@aws-sdk/credential-providers";
import { LOCAL_ACCOUNT_ID } from "../lab/contract.ts";
import { type ConsoleEnv, consoleEnv } from "../validations/env.ts";
import type { Settings } from "../validations/settings.ts";

export type Target =
  | { kind: "local"; endpoint: string; region: string }
  | {
      kind: "aws";
      profile?: string;
      region: string;
      /**
       * Advanced and for tests only: an AWS-compatible endpoint (moto server in the dry run,
       * lib/lab/moto-dry-run.test.ts) that receives every call the AWS target makes, with
       * everything else (capabilities, credentials, polling) unchanged. Settings never set it.
       */
      endpointOverride?: string;
    };

export interface Capabilities {
  /** Short name shown in the target badge. */
  label: string;
  /** `warning` when actions touch a real account and may cost money. */
  tone: "calm" | "warning";
  /** The emulator's `/_lab/…` inspection API (flow log, task map, …) is there. */
  inspectionApi: boolean;
  /** App Mesh can be created (AWS discontinued it on 2026-09-30). */
  appMesh: boolean;
  /** A queue can be peeked without the receive counting toward the DLQ. */
  safePeek: boolean;
  /** S3 buckets are addressed by path, not by virtual host. */
  s3PathStyle: boolean;
  /**
   * Where the services' container images come from: the emulator's image map runs them from
   * source; a registry needs them built and pushed first (`npm run aws:images`).
   */
  containerImages: "image-map" | "registry";
  /** How a learner confirms a destructive action such as cleanup. */
  confirmation: "single" | "type-account-id";
  /** Polling interval for live reads; on AWS every GetMetricData call costs money. */
  pollMs: number;
  /**
   * Polling interval while a stack is being created or deleted. Locally a stack takes
   * seconds; on AWS minutes, and DescribeStacks/DescribeStackEvents are throttled per account.
   */
  stackPollMs: number;
  /**
   * What is deployed here is billed by AWS. Where it is not, the cost meter shows what the
   * same lab would cost on AWS and "$0.00 actually charged".
   */
  billed: boolean;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}
export type CredentialProvider = () => Promise<Credentials>;

/** What may be sent to the browser: no credentials, ever. */
export interface PublicTarget {
  kind: Target["kind"];
  label: string;
  tone: Capabilities["tone"];
  region: string;
  endpoint?: string;
  profile?: string;
  accountId?: string;
}

/** The emulator accepts any signature; these keys only have to be well-formed. */
const LOCAL_CREDENTIALS: Credentials = { accessKeyId: "test", secretAccessKey: "test" };

/** The part of the runtime configuration a target depends on. */
export type TargetEnv = Pick<ConsoleEnv, "emulatorPort" | "awsEndpointOverride">;

type KindOf<K extends Target["kind"]> = Extract<Target, { kind: K }>;

interface TargetKindSpec<K extends Target["kind"]> {
  fromSettings(settings: Extract<Settings, { kind: K }>, env: TargetEnv): KindOf<K>;
  capabilities: Capabilities;
  /** Endpoint override for SDK clients; undefined means the SDK's own AWS endpoints. */
  endpoint(target: KindOf<K>): string | undefined;
  credentials(target: KindOf<K>): CredentialProvider;
  /** Where credentials come from, for messages: "profile 'dev'". */
  credentialSource(target: KindOf<K>): string;
  /** The account id when it is known without asking STS. */
  accountId?: string;
  /** Shell variables, besides the region, that point the AWS CLIs at this target. */
  cliEnv(target: KindOf<K>): Record<string, string>;
}

const KINDS: { [K in Target["kind"]]: TargetKindSpec<K> } = {
  local: {
    fromSettings: (s, env) => ({
      kind: "local",
      region: s.region,
      endpoint: `http://127.0.0.1:${env.emulatorPort}`,
    }),
    capabilities: {
      label: "Local emulator",
      tone: "calm",
      inspectionApi: true,
      appMesh: true,
      safePeek: true,
      s3PathStyle: true,
      containerImages: "image-map",
      confirmation: "single",
      pollMs: 1_000,
      // Two cheap local calls per poll; a stack often completes in a few hundred ms.
      stackPollMs: 100,
      billed: false,
    },
    endpoint: (t) => t.endpoint,
    credentials: () => async () => LOCAL_CREDENTIALS,
    credentialSource: () => "the emulator's test keys",
    accountId: LOCAL_ACCOUNT_ID,
    cliEnv: (t) => ({
      AWS_ENDPOINT_URL: t.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    }),
  },
  aws: {
    fromSettings: (s, env) => ({
      kind: "aws",
      region: s.region,
      profile: s.profile,
      ...(env.awsEndpointOverride ? { endpointOverride: env.awsEndpointOverride } : {}),
    }),
    capabilities: {
      label: "AWS",
      tone: "warning",
      inspectionApi: false,
      appMesh: false,
      safePeek: false,
      s3PathStyle: false,
      containerImages: "registry",
      confirmation: "type-account-id",
      pollMs: 10_000,
      stackPollMs: 5_000,
      billed: true,
    },
    // Undefined: the SDK resolves each service's own AWS endpoint for the region.
    endpoint: (t) => t.endpointOverride,
    // A named profile reads only the shared config files (SSO, assume-role and
    // credential_process included); without one, the SDK's default chain applies.
    // https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html
    credentials: (t) =>
      t.profile ? fromIni({ profile: t.profile }) : fromNodeProviderChain(),
    credentialSource: (t) =>
      t.profile
        ? `profile '${t.profile}'`
        : "the default chain (environment, ~/.aws files, SSO, instance role)",
    // Credentials stay where they are: the CLI reads the same chain itself.
    cliEnv: (t): Record<string, string> => ({
      ...(t.profile ? { AWS_PROFILE: t.profile } : {}),
      ...(t.endpointOverride ? { AWS_ENDPOINT_URL: t.endpointOverride } : {}),
    }),
  },
};

const spec = <K extends Target["kind"]>(target: KindOf<K>) =>
  KINDS[target.kind] as unknown as TargetKindSpec<K>;

export function targetFrom(settings: Settings, env: TargetEnv = consoleEnv()): Target {
  return (KINDS[settings.kind] as TargetKindSpec<Target["kind"]>).fromSettings(
    settings as never,
    env,
  );
}

/**
 * The AWS target's code path pointed at an AWS-compatible endpoint instead of AWS. Only the
 * endpoint differs; the Settings page cannot produce it. Used by the moto dry run.
 */
export function withEndpointOverride(target: KindOf<"aws">, endpoint: string): Target {
  return { ...target, endpointOverride: endpoint };
}

/** Every kind of target with what it can do, for side-by-side comparisons. */
export function targetKinds(): { kind: Target["kind"]; capabilities: Capabilities }[] {
  return (Object.keys(KINDS) as Target["kind"][]).map((kind) => ({ kind, capabilities: KINDS[kind].capabilities }));
}

export function capabilities(target: Target): Capabilities {
  return spec(target).capabilities;
}

export function knownAccountId(target: Target): string | undefined {
  return spec(target).accountId;
}

export function endpointOf(target: Target): string | undefined {
  return spec(target).endpoint(target);
}

/** `AWS_DEFAULT_REGION` and what else the CLIs need to reach `target`: endpoint and test keys locally, the profile on AWS. */
export function cliEnvOf(target: Target): Record<string, string> {
  return { AWS_DEFAULT_REGION: target.region, AWS_REGION: target.region, ...spec(target).cliEnv(target) };
}

export function credentialSourceOf(target: Target): string {
  return spec(target).credentialSource(target);
}

/** Where STS requests go, for messages such as "connection refused at …". */
export function stsEndpointOf(target: Target): string {
  return endpointOf(target) ?? `https://sts.${target.region}.amazonaws.com`;
}

/** A stable key: two targets with the same key reach the same account and region the same way. */
export function targetKey(target: Target): string {
  return JSON.stringify([target.kind, target.region, endpointOf(target), "profile" in target ? target.profile : undefined]);
}

const providers = new Map<string, CredentialProvider>();

/**
 * One credential provider per target, caching what it resolved until shortly
 * before expiry, so polling does not re-run SSO or assume-role every few seconds.
 */
export function credentialsFor(target: Target): CredentialProvider {
  const key = targetKey(target);
  const cached = providers.get(key);
  if (cached) return cached;
  const provider = memoizeCredentials(spec(target).credentials(target));
  providers.set(key, provider);
  return provider;
}

const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

export function memoizeCredentials(
  provider: CredentialProvider,
  now: () => number = Date.now,
): CredentialProvider {
  let current: Credentials | undefined;
  return async () => {
    const expiry = current?.expiration?.getTime();
    if (!current || (expiry !== undefined && expiry - REFRESH_BEFORE_EXPIRY_MS <= now())) {
      current = await provider();
    }
    return current;
  };
}

export function publicTarget(target: Target, accountId = knownAccountId(target)): PublicTarget {
  const { label, tone } = capabilities(target);
  return {
    kind: target.kind,
    label,
    tone,
    region: target.region,
    endpoint: endpointOf(target),
    profile: "profile" in target ? target.profile : undefined,
    accountId,
  };
}
