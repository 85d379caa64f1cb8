import type { GetTagKeysInput, GetTagKeysOutput } from "@aws-sdk/client-resource-groups-tagging-api";
import type { RequestContext } from "../../../core/service.ts";
import type { TagStore } from "../index.ts";
import { inScope } from "./getResources.ts";

export function getTagKeys(_input: GetTagKeysInput, ctx: RequestContext, store: TagStore) {
  return { TagKeys: [...new Set(inScope(ctx, store).flatMap((r) => Object.keys(r.tags)))].sort(), PaginationToken: "" } satisfies GetTagKeysOutput;
}
