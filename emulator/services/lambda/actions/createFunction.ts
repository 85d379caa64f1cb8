import { createHash, randomUUID } from "node:crypto";
import type { CreateFunctionRequest, FunctionConfiguration } from "@aws-sdk/client-lambda";
import { scopedKey } from "../../../core/state.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { constraintViolation, invalidParameter, resourceConflict } from "../errors.ts";
import { validateConfig } from "../functions.ts";
import { type FunctionRecord, functionArn, lastModified, parseFunctionName } from "../store.ts";

export async function createFunction(input: CreateFunctionRequest, ctx: RequestContext, lambda: LambdaContext) {
  const ref = parseFunctionName(input.FunctionName, ctx);
  if (ref.qualifier) throw constraintViolation("functionName", input.FunctionName, "not include a qualifier");
  if (input.PackageType === "Image") throw invalidParameter("This emulator runs .zip deployment packages only; PackageType Image is not supported.");
  validateConfig(input, true);
  if (!input.Code) throw constraintViolation("code", "null", "not be null");
  if (lambda.store.functions.has(scopedKey(ref, ref.name))) throw resourceConflict(`Function already exist: ${ref.name}`);
  const zip = await lambda.loadCode(input.Code, ctx);
  const code = lambda.store.saveCode(ref, ref.name, zip);
  // Another CreateFunction may have won while the package was being fetched.
  if (lambda.store.functions.has(scopedKey(ref, ref.name))) throw resourceConflict(`Function already exist: ${ref.name}`);
  const arn = functionArn(ref);
  const config = {
    FunctionName: ref.name,
    FunctionArn: arn,
    Runtime: input.Runtime,
    Role: input.Role,
    Handler: input.Handler,
    CodeSize: code.CodeSize,
    Description: input.Description ?? "",
    Timeout: input.Timeout ?? 3,
    MemorySize: input.MemorySize ?? 128,
    LastModified: lastModified(),
    CodeSha256: code.CodeSha256,
    Version: "$LATEST",
    Environment: input.Environment?.Variables ? { Variables: { ...input.Environment.Variables } } : undefined,
    DeadLetterConfig: input.DeadLetterConfig,
    TracingConfig: { Mode: input.TracingConfig?.Mode ?? "PassThrough" },
    RevisionId: randomUUID(),
    // AWS answers Pending and turns Active within seconds; the emulator is ready at once.
    // https://docs.aws.amazon.com/lambda/latest/dg/functions-states.html
    State: "Active",
    LastUpdateStatus: "Successful",
    PackageType: "Zip",
    Architectures: input.Architectures ?? ["x86_64"],
    EphemeralStorage: { Size: input.EphemeralStorage?.Size ?? 512 },
    SnapStart: { ApplyOn: "None", OptimizationStatus: "Off" },
    RuntimeVersionConfig: { RuntimeVersionArn: `arn:aws:lambda:${ref.region}::runtime:${createHash("sha256").update(String(input.Runtime)).digest("hex")}` },
    LoggingConfig: { LogFormat: input.LoggingConfig?.LogFormat ?? "Text", LogGroup: input.LoggingConfig?.LogGroup ?? `/aws/lambda/${ref.name}` },
  } satisfies FunctionConfiguration;
  const rec: FunctionRecord = { accountId: ref.accountId, region: ref.region, config, tags: { ...input.Tags }, policy: [], revision: randomUUID() };
  lambda.store.save(rec);
  return structuredClone(rec.config) satisfies FunctionConfiguration;
}
