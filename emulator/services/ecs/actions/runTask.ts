// Standalone tasks: started once, never replaced.
import type { RunTaskRequest, RunTaskResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import type { EcsDeps } from "../deps.ts";
import { taskOutput } from "../output.ts";
import { clientException, invalidParameter } from "../store.ts";

export const runTask = ({ store, runtime }: EcsDeps) => (input: RunTaskRequest, ctx: RequestContext) => {
  const cluster = store.cluster(ctx, input.cluster);
  const td = store.taskDefinition(ctx, input.taskDefinition);
  if (!td) throw clientException(`TaskDefinition not found: ${input.taskDefinition ?? ""}`);
  const count = input.count ?? 1;
  if (count < 1 || count > 10) throw invalidParameter("count must be between 1 and 10.");
  const tasks = Array.from({ length: count }, () =>
    runtime.launch({
      cluster,
      taskDefinition: td,
      startedBy: input.startedBy,
      group: input.group,
      overrides: input.overrides as any,
      tags: input.tags,
      launchType: input.launchType,
    }),
  );
  return { tasks: tasks.map((t) => taskOutput(t)), failures: [] } satisfies RunTaskResponse;
};
