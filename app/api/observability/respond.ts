import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import type { Target } from "@/lib/aws/target";
import { unreachableReason } from "@/lib/data/target-status";

const NO_STORE = { "Cache-Control": "no-store" };

/** What an observability read answers when it fails: what failed, and why in the learner's words. */
export interface ReadError {
  error: string;
}

/**
 * Runs a live read for the current target. Expected conditions (no data, a missing log group)
 * are answers, not errors; a failed call is a 502 naming the read and the reason.
 */
export async function liveRead(what: string, read: (target: Target) => Promise<unknown>): Promise<Response> {
  await connection();
  const target = await currentTarget();
  try {
    return Response.json(await read(target), { headers: NO_STORE });
  } catch (error) {
    return Response.json({ error: `${what} failed: ${unreachableReason(error, target)}` } satisfies ReadError, { status: 502, headers: NO_STORE });
  }
}

export const badRequest = (error: string) => Response.json({ error } satisfies ReadError, { status: 400, headers: NO_STORE });
