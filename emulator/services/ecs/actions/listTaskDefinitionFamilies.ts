import type { ListTaskDefinitionFamiliesRequest, ListTaskDefinitionFamiliesResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { page } from "./page.ts";

export const listTaskDefinitionFamilies = ({ store }: EcsDeps) => (input: ListTaskDefinitionFamiliesRequest, ctx: RequestContext) => {
  const status = input.status ?? "ACTIVE";
  const families = new Set<string>();
  for (const td of store.taskDefinitions.values()) {
    if (td.accountId !== ctx.accountId || td.region !== ctx.region || (input.familyPrefix && !td.family.startsWith(input.familyPrefix))) continue;
    if (status === "ALL" || td.status === status) families.add(td.family);
  }
  const { items, nextToken } = page([...families].sort(), input.maxResults, input.nextToken);
  return { families: items, nextToken } satisfies ListTaskDefinitionFamiliesResponse;
};
