// Exercise 1, "change the weighted route": an UpdateStack of the App Mesh services stack that
// keeps its template and every parameter but the two inventory weights.
import { CloudFormationClient, type Parameter, UpdateStackCommand } from "@aws-sdk/client-cloudformation";
import { z } from "zod";
import { clientFor } from "../aws/clients.ts";
import type { Target } from "../aws/target.ts";
import { STACKS } from "./contract.ts";
import { describeStack } from "./stacks.ts";

export const canarySchema = z
  .object({ v1: z.coerce.number().int().min(0).max(100), v2: z.coerce.number().int().min(0).max(100) })
  .refine((w) => w.v1 + w.v2 > 0, { message: "At least one weight must be above 0.", path: ["v2"] });
export type CanaryWeights = z.infer<typeof canarySchema>;

/** Every declared parameter kept as it is, except the two weights. Pure. */
export function canaryParameters(declared: readonly string[], weights: CanaryWeights): Parameter[] {
  return declared.map((name) =>
    name === "InventoryV1Weight"
      ? { ParameterKey: name, ParameterValue: String(weights.v1) }
      : name === "InventoryV2Weight"
        ? { ParameterKey: name, ParameterValue: String(weights.v2) }
        : { ParameterKey: name, UsePreviousValue: true },
  );
}

/** Starts the update; CloudFormation then updates the route in place. Returns the stack's id. */
export async function updateCanary(target: Target, weights: CanaryWeights): Promise<string> {
  const cfn = clientFor(CloudFormationClient, target);
  const stack = await describeStack({ cfn } as never, STACKS.servicesAppMesh);
  if (!stack) throw new Error(`${STACKS.servicesAppMesh} is not deployed: the weighted route exists only with App Mesh.`);
  const declared = (stack.Parameters ?? []).map((p) => p.ParameterKey ?? "").filter(Boolean);
  const out = await cfn.send(
    new UpdateStackCommand({ StackName: STACKS.servicesAppMesh, UsePreviousTemplate: true, Parameters: canaryParameters(declared, weights), Capabilities: ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM"] }),
  );
  return out.StackId ?? STACKS.servicesAppMesh;
}
