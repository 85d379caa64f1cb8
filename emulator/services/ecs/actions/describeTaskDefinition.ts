import type { DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { taskDefinitionOutput } from "../output.ts";
import { clientException } from "../store.ts";

export const describeTaskDefinition = ({ store }: EcsDeps) => (input: DescribeTaskDefinitionRequest, ctx: RequestContext) => {
  const td = store.taskDefinition(ctx, input.taskDefinition);
  if (!td) throw clientException("Unable to describe task definition.");
  return { taskDefinition: taskDefinitionOutput(td), tags: input.include?.includes("TAGS") ? td.tags : undefined } satisfies DescribeTaskDefinitionResponse;
};
