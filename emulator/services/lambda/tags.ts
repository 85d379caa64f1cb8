// Tags live on functions and event source mappings, addressed by ARN.
// https://docs.aws.amazon.com/lambda/latest/dg/configuration-tags.html
import type { RequestContext } from "../../core/service.ts";
import type { LambdaContext } from "./context.ts";
import { constraintViolation } from "./errors.ts";
import { getMapping } from "./mappings.ts";

export function taggable(arn: string | undefined, ctx: RequestContext, lambda: LambdaContext): { tags: Record<string, string>; save(): void } {
  const esm = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:event-source-mapping:([0-9a-f-]+)$/.exec(arn ?? "");
  if (esm) {
    const m = getMapping(lambda.store, esm[1]);
    return { tags: m.tags, save: () => lambda.store.mappings.set(m.config.UUID, m) };
  }
  if (!/^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[a-zA-Z0-9_-]+$/.test(arn ?? "")) {
    throw constraintViolation("resource", arn ?? "null", "satisfy regular expression pattern: arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function|event-source-mapping):.*");
  }
  const rec = lambda.store.get(arn, ctx);
  return { tags: rec.tags, save: () => lambda.store.save(rec) };
}
