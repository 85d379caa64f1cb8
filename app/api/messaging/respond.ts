import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import type { Target } from "@/lib/aws/target";
import { unreachableReason } from "@/lib/data/target-status";

const NO_STORE = { "Cache-Control": "no-store" };

/** What every messaging read answers on failure: what failed and why, in words the page can show. */
export interface ReadError {
  error: string;
}

/** Runs a live read for the current target; failures become a 502 with a readable reason. */
export async function liveRead(read: (target: Target) => Promise<unknown>): Promise<Response> {
  await connection();
  const target = await currentTarget();
  try {
    return Response.json(await read(target), { headers: NO_STORE });
  } catch (error) {
    return Response.json({ error: unreachableReason(error, target) } satisfies ReadError, { status: 502, headers: NO_STORE });
  }
}

export const badRequest = (error: string) => Response.json({ error } satisfies ReadError, { status: 400, headers: NO_STORE });
