import type { ListTaskDefinitionsRequest, ListTaskDefinitionsResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { page } from "./page.ts";

export const listTaskDefinitions = ({ store }: EcsDeps) => (input: ListTaskDefinitionsRequest, ctx: RequestContext) => {
  const status = input.status ?? "ACTIVE";
  const all = [...store.taskDefinitions.values()]
    .filter((td) => td.accountId === ctx.accountId && td.region === ctx.region && td.status === status && (!input.familyPrefix || td.family.startsWith(input.familyPrefix)))
    .sort((a, b) => a.family.localeCompare(b.family) || a.revision - b.revision);
  if (input.sort === "DESC") all.reverse();
  const { items, nextToken } = page(all.map((td) => td.taskDefinitionArn), input.maxResults, input.nextToken);
  return { taskDefinitionArns: items, nextToken } satisfies ListTaskDefinitionsResponse;
};
