// One factory for every AWS SDK v3 client the console uses. It is the only
// place that turns a Target into client configuration.
import { readSettings } from "../data/settings.ts";
import { capabilities, credentialsFor, endpointOf, type Target, targetFrom } from "./target.ts";

export interface ClientOptions {
  /** Fail fast: one attempt and short socket timeouts, for status probes. */
  fast?: boolean;
}

// Every SDK client's constructor takes its own config type.
type ClientClass<C> = new (config: any) => C;

const FAST = {
  maxAttempts: 1,
  requestHandler: { connectionTimeout: 1_500, requestTimeout: 3_000 },
};

export function clientConfig(target: Target, options: ClientOptions = {}) {
  return {
    region: target.region,
    endpoint: endpointOf(target),
    // The target alone decides where calls go: AWS_ENDPOINT_URL(_<SERVICE>) left in the
    // console's environment (e.g. by `eval "$(npm run lab -- env)"` for the emulator) would
    // otherwise send an AWS target's calls there.
    // https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    ignoreConfiguredEndpointUrls: true,
    credentials: credentialsFor(target),
    // Only S3Client reads this; the emulator serves buckets by path.
    forcePathStyle: capabilities(target).s3PathStyle,
    ...(options.fast ? FAST : {}),
  };
}

/** Builds `ClientClass` for an explicit target. */
export function clientFor<C>(ClientClass: ClientClass<C>, target: Target, options?: ClientOptions): C {
  return new ClientClass(clientConfig(target, options));
}

/** The target saved in Settings. */
export async function currentTarget(): Promise<Target> {
  return targetFrom(await readSettings());
}

/** Builds `ClientClass` for the target saved in Settings. */
export async function client<C>(ClientClass: ClientClass<C>, options?: ClientOptions): Promise<C> {
  return clientFor(ClientClass, await currentTarget(), options);
}
