import { randomUUID } from "node:crypto";
import type { FunctionConfiguration, UpdateFunctionConfigurationRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { checkRevision, configuration, validateConfig } from "../functions.ts";
import { lastModified } from "../store.ts";

export function updateFunctionConfiguration(input: UpdateFunctionConfigurationRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx);
  checkRevision(rec, input.RevisionId);
  validateConfig(input, false);
  const c = rec.config;
  for (const key of ["Role", "Handler", "Description", "Timeout", "MemorySize", "Runtime", "DeadLetterConfig"] as const) {
    if (input[key] !== undefined) (c as unknown as Record<string, unknown>)[key] = input[key];
  }
  if (input.Environment) c.Environment = { Variables: { ...input.Environment.Variables } };
  if (input.TracingConfig?.Mode) c.TracingConfig = { Mode: input.TracingConfig.Mode };
  if (input.EphemeralStorage) c.EphemeralStorage = { Size: input.EphemeralStorage.Size };
  if (input.LoggingConfig) c.LoggingConfig = { ...c.LoggingConfig, ...input.LoggingConfig };
  Object.assign(c, { LastModified: lastModified(), RevisionId: randomUUID(), LastUpdateStatus: "Successful" });
  rec.revision = randomUUID();
  lambda.store.save(rec);
  lambda.retire(rec);
  return configuration(rec) satisfies FunctionConfiguration;
}
