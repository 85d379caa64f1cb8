import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { clientFor } from "../aws/clients.ts";
import {
  credentialSourceOf,
  type PublicTarget,
  publicTarget,
  stsEndpointOf,
  type Target,
} from "../aws/target.ts";

/** What `/api/target` answers: the target plus whether STS answered for it. */
export type TargetStatus = PublicTarget & { reachable: boolean; reason?: string };

const PROBE_DEADLINE_MS = 4_000;

/** Asks STS who we are on `target`; never throws. */
export async function probeTarget(target: Target): Promise<TargetStatus> {
  try {
    const identity = await clientFor(STSClient, target, { fast: true }).send(
      new GetCallerIdentityCommand({}),
      { abortSignal: AbortSignal.timeout(PROBE_DEADLINE_MS) },
    );
    return { ...publicTarget(target, identity.Account), reachable: true };
  } catch (error) {
    return { ...publicTarget(target), reachable: false, reason: unreachableReason(error, target) };
  }
}

/** A short human reason for a failed call, in the words a learner can act on. */
export function unreachableReason(error: unknown, target: Target): string {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string };
  const at = stsEndpointOf(target);
  if (e.name === "CredentialsProviderError") {
    return `could not load credentials for ${credentialSourceOf(target)}`;
  }
  switch (e.code) {
    case "ECONNREFUSED":
      return `connection refused at ${at}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot resolve the host of ${at} (offline?)`;
    case "ECONNRESET":
      return `connection reset by ${at}`;
  }
  if (e.name === "TimeoutError" || e.name === "AbortError" || e.code === "ETIMEDOUT") {
    return `no answer from ${at} in time`;
  }
  const message = e.message?.trim() || "unknown error";
  return e.name && e.name !== "Error" ? `${e.name}: ${message}` : message;
}
