import { randomUUID } from "node:crypto";
import type { FunctionConfiguration, UpdateFunctionCodeRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { checkRevision, configuration } from "../functions.ts";
import { lastModified } from "../store.ts";

export async function updateFunctionCode(input: UpdateFunctionCodeRequest, ctx: RequestContext, lambda: LambdaContext) {
  const rec = lambda.store.get(input.FunctionName, ctx);
  checkRevision(rec, input.RevisionId);
  const zip = await lambda.loadCode(input, ctx);
  const name = rec.config.FunctionName;
  const code = lambda.store.saveCode(rec, name, zip);
  if (input.DryRun) return { ...configuration(rec), ...code } satisfies FunctionConfiguration;
  const previous = rec.config.CodeSha256;
  Object.assign(rec.config, code, { LastModified: lastModified(), RevisionId: randomUUID(), LastUpdateStatus: "Successful" });
  if (input.Architectures) rec.config.Architectures = input.Architectures;
  rec.revision = randomUUID();
  lambda.store.save(rec);
  lambda.retire(rec);
  if (previous !== code.CodeSha256) lambda.store.removeCode(rec, name, code.CodeSha256);
  return configuration(rec) satisfies FunctionConfiguration;
}
