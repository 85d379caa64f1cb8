"use server";

import { z } from "zod";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { ECS_SERVICES, MAX_DESIRED_COUNT, restockProduct, setDesiredCount } from "@/lib/data/lab-tools";
import { initialStock } from "@/services/inventory-service/stock";
import { purgeQueue } from "@/lib/data/messaging-sdk";
import { probeTarget } from "@/lib/data/target-status";
import { breakerAction, experiments, failureReason, journaledWriteFault } from "@/lib/data/resilience-sdk";
import { loadGenerator } from "@/lib/lab/load";
import { type ResetStep, resetLab } from "@/lib/lab/reset";

export type DesiredCountState =
  | { status: "idle" }
  | { status: "done"; service: string; message: string; at: number }
  | { status: "invalid"; service: string; error: string; at: number }
  | { status: "failed"; service: string; message: string; at: number };

const desiredSchema = z.object({
  service: z.enum(ECS_SERVICES as [string, ...string[]], { message: "Unknown service." }),
  desiredCount: z.coerce
    .number({ message: "Enter a number of tasks." })
    .int("Use a whole number of tasks.")
    .min(0, "At least 0 tasks (0 stops the service).")
    .max(MAX_DESIRED_COUNT, `At most ${MAX_DESIRED_COUNT} tasks per service in the lab.`),
});

export async function setDesiredCountAction(_previous: DesiredCountState, form: FormData): Promise<DesiredCountState> {
  const service = String(form.get("service") ?? "");
  const parsed = desiredSchema.safeParse({ service, desiredCount: form.get("desiredCount") });
  if (!parsed.success) return { status: "invalid", service, error: parsed.error.issues[0].message, at: Date.now() };
  const target = await currentTarget();
  try {
    await setDesiredCount(target, parsed.data.service, parsed.data.desiredCount);
  } catch (error) {
    return { status: "failed", service, message: failureReason(error, target), at: Date.now() };
  }
  return { status: "done", service, message: `Desired count of ${service} set to ${parsed.data.desiredCount}; ECS starts or stops tasks to match.`, at: Date.now() };
}

export type ResetState =
  | { status: "idle" }
  | { status: "done"; steps: ResetStep[]; at: number }
  | { status: "invalid"; error: string; at: number }
  | { status: "failed"; message: string; at: number };

/**
 * Purges the queues, clears every fault and resets both breakers, without redeploying. The
 * confirmation is what the target asks for: a tick locally, the account id typed on AWS.
 */
export async function resetLabAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  const target = await currentTarget();
  const confirmation = String(form.get("confirmation") ?? "").trim();
  if (capabilities(target).confirmation === "type-account-id") {
    const probe = await probeTarget(target);
    if (!probe.reachable) return { status: "failed", message: `The target does not answer: ${probe.reason}.`, at: Date.now() };
    if (confirmation !== probe.accountId) return { status: "invalid", error: "Type this account's id to confirm; nothing was reset.", at: Date.now() };
  } else if (confirmation !== "yes") {
    return { status: "invalid", error: "Tick the box to confirm; nothing was reset.", at: Date.now() };
  }
  const steps = await resetLab({
    stopLoad: () => loadGenerator.view()?.state === "running" && loadGenerator.stop("stopped by a reset") !== undefined,
    cancelExperiment: async () => (await experiments().cancel("stopped by a reset")) !== undefined,
    recover: (service) => journaledWriteFault({ command: "recover", service }, "console", target),
    resetBreaker: async (service) => {
      await breakerAction(target, service, "reset");
    },
    purge: (queue) => purgeQueue(target, queue),
    restock: (productId) => restockProduct(target, productId, initialStock(productId).stock),
  });
  return { status: "done", steps, at: Date.now() };
}
