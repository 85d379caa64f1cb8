// Validation and shapes shared by CreateFunction and the Update* operations.
// https://docs.aws.amazon.com/lambda/latest/api/API_CreateFunction.html
import { Runtime } from "@aws-sdk/client-lambda";
import type { FunctionConfiguration, GetFunctionResponse, UpdateFunctionConfigurationRequest } from "@aws-sdk/client-lambda";
import type { LambdaContext } from "./context.ts";
import { constraintViolation, invalidParameter, preconditionFailed } from "./errors.ts";
import type { FunctionRecord } from "./store.ts";

const ROLE_RE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;
const KNOWN_RUNTIMES = new Set<string>(Object.values(Runtime));
// https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtimes-deprecated
const BLOCKED_RUNTIMES = /^(nodejs|nodejs4\.3(-edge)?|nodejs6\.10|nodejs8\.10|nodejs1[0246]\.x|python2\.7|python3\.[678]|dotnetcore.*|dotnet6|ruby2\.[57]|go1\.x|java8)$/;
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html#configuration-envvars-runtime
const RESERVED_ENV = new Set([
  "_HANDLER",
  "_X_AMZN_TRACE_ID",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_EXECUTION_ENV",
  "AWS_LAMBDA_FUNCTION_NAME",
  "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
  "AWS_LAMBDA_FUNCTION_VERSION",
  "AWS_LAMBDA_INITIALIZATION_TYPE",
  "AWS_LAMBDA_LOG_GROUP_NAME",
  "AWS_LAMBDA_LOG_STREAM_NAME",
  "AWS_ACCESS_KEY",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_LAMBDA_RUNTIME_API",
  "LAMBDA_TASK_ROOT",
  "LAMBDA_RUNTIME_DIR",
]);

type ConfigInput = Pick<UpdateFunctionConfigurationRequest, "Role" | "Runtime" | "Handler" | "Timeout" | "MemorySize" | "Environment" | "Description"> & { Architectures?: string[] };

/** Checks what CreateFunction and UpdateFunctionConfiguration share; `create` makes Role, Runtime and Handler required. */
export function validateConfig(input: ConfigInput, create: boolean): void {
  if (create || input.Role !== undefined) {
    if (!ROLE_RE.test(input.Role ?? "")) throw constraintViolation("role", input.Role ?? "null", `satisfy regular expression pattern: ${ROLE_RE.source.slice(1, -1)}`);
  }
  if (create || input.Runtime !== undefined) {
    const runtime = input.Runtime ?? "";
    if (!KNOWN_RUNTIMES.has(runtime)) throw constraintViolation("runtime", runtime || "null", `satisfy enum value set: [${[...KNOWN_RUNTIMES].join(", ")}]`);
    if (BLOCKED_RUNTIMES.test(runtime)) {
      throw invalidParameter(`The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`);
    }
  }
  if (create || input.Handler !== undefined) {
    if (!/^[^\s]{1,128}$/.test(input.Handler ?? "")) throw constraintViolation("handler", input.Handler ?? "null", "satisfy regular expression pattern: [^\\s]+");
  }
  if (input.Timeout !== undefined && (input.Timeout < 1 || input.Timeout > 900 || !Number.isInteger(input.Timeout))) {
    throw constraintViolation("timeout", input.Timeout, "have value between 1 and 900");
  }
  if (input.MemorySize !== undefined && (input.MemorySize < 128 || input.MemorySize > 10240 || !Number.isInteger(input.MemorySize))) {
    throw constraintViolation("memorySize", input.MemorySize, "have value between 128 and 10240");
  }
  if ((input.Description ?? "").length > 256) throw constraintViolation("description", input.Description, "have length less than or equal to 256");
  const arch = input.Architectures;
  if (arch && (arch.length !== 1 || !["x86_64", "arm64"].includes(arch[0]))) throw constraintViolation("architectures", `[${arch.join(", ")}]`, "have length less than or equal to 1 and satisfy enum value set: [x86_64, arm64]");
  const vars = input.Environment?.Variables;
  if (vars) {
    const reserved = Object.keys(vars).filter((k) => RESERVED_ENV.has(k));
    if (reserved.length) {
      throw invalidParameter(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(", ")}`,
      );
    }
    const bad = Object.keys(vars).find((k) => !/^[a-zA-Z]([a-zA-Z0-9_])+$/.test(k));
    if (bad) throw constraintViolation("environment.variables", bad, "satisfy regular expression pattern: [a-zA-Z]([a-zA-Z0-9_])+");
    const size = Buffer.byteLength(JSON.stringify(vars));
    if (size > 4096) {
      throw invalidParameter(`Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${JSON.stringify(vars)}`);
    }
  }
}

/** RevisionId guards every update: a stale one fails with PreconditionFailedException. */
export function checkRevision(rec: FunctionRecord, revisionId: string | undefined): void {
  if (revisionId !== undefined && revisionId !== rec.config.RevisionId) throw preconditionFailed();
}

export const configuration = (rec: FunctionRecord): FunctionConfiguration => structuredClone(rec.config);

export function functionResponse(rec: FunctionRecord, lambda: LambdaContext): GetFunctionResponse {
  const c = rec.config;
  return {
    Configuration: configuration(rec),
    Code: { RepositoryType: "S3", Location: `${lambda.env.selfUrl()}/_lab/lambda/code/${rec.accountId}/${rec.region}/${c.FunctionName}` },
    Tags: Object.keys(rec.tags).length ? { ...rec.tags } : undefined,
  };
}
