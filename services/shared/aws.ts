// SDK v3 client configuration shared by the services and the Lambdas. The endpoint comes
// from AWS_ENDPOINT_URL, which the SDK reads by itself (the emulator's runtime sets it for
// local tasks and functions; on AWS it is absent).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
import { DEFAULT_REGION } from "../../lib/lab/contract.ts";

/** Environment variables as read (Next's types make NodeJS.ProcessEnv demand NODE_ENV). */
export type Env = Record<string, string | undefined>;

export function awsClientConfig(env: Env = process.env) {
  // Against a local endpoint without credentials, sign with dummies instead of walking the
  // whole credential chain (instance metadata and all) before failing.
  const local = Boolean(env.AWS_ENDPOINT_URL) && !env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE;
  return {
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || DEFAULT_REGION,
    // Services degrade when AWS is unreachable: fail fast rather than retry for long.
    maxAttempts: 2,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
    ...(local ? { credentials: { accessKeyId: "test", secretAccessKey: "test" } } : {}),
  };
}

/**
 * For a client that long-polls SQS: its socket must outlast WaitTimeSeconds, or every empty
 * receive trips the request timeout.
 * https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-short-and-long-polling.html
 */
export function longPollConfig<C extends ReturnType<typeof awsClientConfig>>(config: C, waitTimeSeconds: number): C {
  return { ...config, requestHandler: { ...config.requestHandler, requestTimeout: (waitTimeSeconds + 5) * 1000 } };
}
