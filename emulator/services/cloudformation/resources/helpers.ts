// Small helpers shared by resource modules.
import type { ResourceContext, Tag } from "./types.ts";

const NOT_FOUND = /NotFound|NonExistent|NoSuch|does not exist/i;

/** Deleting something already gone is a success for CloudFormation. */
export function ignoreNotFound(e: unknown): void {
  const err = e as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  if (NOT_FOUND.test(err?.code ?? err?.name ?? "") || NOT_FOUND.test(err?.message ?? "") || err?.$metadata?.httpStatusCode === 404) return;
  throw e;
}

/**
 * The tags to put on the resource through its service: the stack's tags plus the resource's
 * own (own tags win). Services refuse user tags prefixed "aws:" (CloudFormation writes its
 * aws:cloudformation:* tags with a privilege callers don't have), so those live in the tag
 * index (tagging:GetResources), which the engine writes for every resource with an ARN.
 */
export function allTags(props: { Tags?: Tag[] }, ctx: ResourceContext): Tag[] {
  const own = (props.Tags ?? []).map((t) => ({ Key: String(t.Key), Value: String(t.Value) }));
  return [...ctx.tags.filter((t) => !t.Key.startsWith("aws:") && !own.some((o) => o.Key === t.Key)), ...own];
}

export const tagMap = (tags: Tag[]) => Object.fromEntries(tags.map((t) => [t.Key, t.Value]));

export const num = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : Number(v));
export const bool = (v: unknown) => (v === undefined ? undefined : v === true || v === "true");
/** Policy documents and JSON-typed properties arrive as objects or strings. */
export const json = (v: unknown) => (v === undefined ? undefined : typeof v === "string" ? v : JSON.stringify(v));

/** Properties that changed between two versions. */
export const changed = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
