import type { ListExportsInput, ListExportsOutput, ListImportsInput, ListImportsOutput } from "@aws-sdk/client-cloudformation";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { exportKey } from "../engine/runner.ts";
import { type Cfn, stacksInScope } from "../stacks.ts";

export function listExports(_input: ListExportsInput, ctx: RequestContext, cfn: Cfn) {
  const prefix = exportKey(ctx, "");
  const exports = [...cfn.store.exports.entries()].filter(([k]) => k.startsWith(prefix)).map(([, e]) => e);
  return { Exports: exports.map((e) => ({ ExportingStackId: e.ExportingStackId, Name: e.Name, Value: e.Value })) } satisfies ListExportsOutput;
}

export function listImports(input: ListImportsInput, ctx: RequestContext, cfn: Cfn) {
  const importers = stacksInScope(cfn, ctx).filter((s) => s.StackStatus !== "DELETE_COMPLETE" && s.imports.includes(input.ExportName ?? ""));
  if (!importers.length) throw validationError(`Export '${input.ExportName}' is not imported by any stack.`);
  return { Imports: importers.map((s) => s.StackName) } satisfies ListImportsOutput;
}
