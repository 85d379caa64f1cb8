import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import type { Target } from "@/lib/aws/target";
import { unreachableReason } from "@/lib/data/target-status";

const NO_STORE = { "Cache-Control": "no-store" };

/** What every live read answers on failure: what failed and why, in words the page can show. */
export interface ReadError {
  error: string;
}

/**
 * Runs a live read for the current target. Expected conditions (no data, a missing log group)
 * are answers, not errors; a failed call is a 502 with a readable reason, naming `what` if given.
 */
export async function liveRead(read: (target: Target) => Promise<unknown>, what?: string): Promise<Response> {
  await connection();
  const target = await currentTarget();
  try {
    return Response.json(await read(target), { headers: NO_STORE });
  } catch (error) {
    const reason = unreachableReason(error, target);
    return Response.json({ error: what ? `${what} failed: ${reason}` : reason } satisfies ReadError, { status: 502, headers: NO_STORE });
  }
}

export const badRequest = (error: string) => Response.json({ error } satisfies ReadError, { status: 400, headers: NO_STORE });
