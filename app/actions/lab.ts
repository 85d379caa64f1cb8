"use server";

import { currentTarget } from "@/lib/aws/clients";
import { capabilities, type Target } from "@/lib/aws/target";
import { probeTarget } from "@/lib/data/target-status";
import { readBreakerParams } from "@/lib/lab/breaker-params";
import { type LabParameters, parametersFromEnv } from "@/lib/lab/catalog";
import { cleanupLab } from "@/lib/lab/cleanup";
import { APP_MESH_UNAVAILABLE, deployLab } from "@/lib/lab/deploy";
import { cancelJob, clearJob, type StartResult, startJob } from "@/lib/lab/job";
import { removeLeftoversAndCheck } from "@/lib/lab/leftovers";
import { cleanupFormSchema, deployFormSchema } from "@/lib/validations/lab";

export type LabActionState =
  | { status: "idle" }
  | { status: "started"; jobId: string; at: number }
  | { status: "invalid"; field: "variant" | "ttlHours" | "confirmation"; message: string }
  | { status: "failed"; message: string };

const started = (result: StartResult): LabActionState =>
  result.ok ? { status: "started", jobId: result.job.id, at: Date.now() } : { status: "failed", message: result.reason };

export async function startDeploy(_previous: LabActionState, form: FormData): Promise<LabActionState> {
  const parsed = deployFormSchema.safeParse({ variant: form.get("variant"), ttlHours: form.get("ttlHours") ?? undefined });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (issue.path[0] === "ttlHours") return { status: "invalid", field: "ttlHours", message: issue.message };
    return { status: "invalid", field: "variant", message: "Choose App Mesh or ECS Service Connect." };
  }
  const { variant, ttlHours } = parsed.data;
  const target = await currentTarget();
  const caps = capabilities(target);
  if (variant === "appmesh" && !caps.appMesh) {
    return { status: "invalid", field: "variant", message: `${APP_MESH_UNAVAILABLE}. Deploy the Service Connect variant on ${caps.label}.` };
  }
  let params: Partial<LabParameters>;
  try {
    params = { ...parametersFromEnv(), ttlHours, breaker: await readBreakerParams() };
  } catch (error) {
    return { status: "failed", message: (error as Error).message };
  }
  const probe = await probeTarget(target);
  if (!probe.reachable) return { status: "failed", message: `The target does not answer: ${probe.reason}.` };
  return started(
    startJob(
      "deploy",
      target,
      async (emit, signal) => {
        await deployLab({ variant, target, params, signal, onProgress: emit });
      },
      variant,
      probe.accountId,
    ),
  );
}

/**
 * Cleanup and leftover removal need the confirmation the target asks for: one click
 * locally, the account id typed out on AWS (checked against STS, not against the form).
 */
async function confirmedTarget(form: FormData): Promise<{ error: LabActionState } | { target: Target; accountId?: string; retainFailed: boolean }> {
  const parsed = cleanupFormSchema.safeParse({ confirmation: form.get("confirmation"), retainFailed: form.get("retainFailed") ?? undefined });
  if (!parsed.success) return { error: { status: "invalid", field: "confirmation", message: "Confirm the cleanup first." } };
  const target = await currentTarget();
  const probe = await probeTarget(target);
  if (!probe.reachable) return { error: { status: "failed", message: `The target does not answer: ${probe.reason}.` } };
  if (capabilities(target).confirmation === "type-account-id" && parsed.data.confirmation !== probe.accountId) {
    return { error: { status: "invalid", field: "confirmation", message: "That is not this account's id; nothing was deleted." } };
  }
  return { target, accountId: probe.accountId, retainFailed: parsed.data.retainFailed };
}

export async function startCleanup(_previous: LabActionState, form: FormData): Promise<LabActionState> {
  const confirmed = await confirmedTarget(form);
  if ("error" in confirmed) return confirmed.error;
  const { target, accountId, retainFailed } = confirmed;
  return started(
    startJob(
      "cleanup",
      target,
      async (emit, signal) => {
        await cleanupLab({ target, signal, onProgress: emit, retainFailed });
      },
      undefined,
      accountId,
    ),
  );
}

export async function startRemoveLeftovers(_previous: LabActionState, form: FormData): Promise<LabActionState> {
  const confirmed = await confirmedTarget(form);
  if ("error" in confirmed) return confirmed.error;
  const { target, accountId } = confirmed;
  return started(
    startJob(
      "leftovers",
      target,
      async (emit, signal) => {
        await removeLeftoversAndCheck(target, emit, signal);
      },
      undefined,
      accountId,
    ),
  );
}

export async function cancelLabJob(): Promise<boolean> {
  return cancelJob();
}

export async function dismissLabJob(): Promise<void> {
  clearJob();
}
