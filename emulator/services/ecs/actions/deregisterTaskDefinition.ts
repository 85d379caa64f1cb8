import type { DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { taskDefinitionOutput } from "../output.ts";
import { clientException } from "../store.ts";

// Deregistering needs a revision; the definition stays describable as INACTIVE.
export const deregisterTaskDefinition = ({ store }: EcsDeps) => (input: DeregisterTaskDefinitionRequest, ctx: RequestContext) => {
  const ref = input.taskDefinition ?? "";
  if (!ref.includes(":")) throw clientException("Invalid revision number. Number: ");
  const td = store.taskDefinition(ctx, ref);
  if (!td) throw clientException("The specified task definition does not exist.");
  td.status = "INACTIVE";
  td.deregisteredAt = Date.now();
  store.taskDefinitions.set(scopedKey(ctx, `${td.family}:${td.revision}`), td);
  return { taskDefinition: taskDefinitionOutput(td) } satisfies DeregisterTaskDefinitionResponse;
};
