import type { GetTagValuesInput, GetTagValuesOutput } from "@aws-sdk/client-resource-groups-tagging-api";
import type { RequestContext } from "../../../core/service.ts";
import type { TagStore } from "../index.ts";
import { inScope } from "./getResources.ts";

export function getTagValues(input: GetTagValuesInput, ctx: RequestContext, store: TagStore) {
  const values = inScope(ctx, store).flatMap((r) => (input.Key && input.Key in r.tags ? [r.tags[input.Key]] : []));
  return { TagValues: [...new Set(values)].sort(), PaginationToken: "" } satisfies GetTagValuesOutput;
}
