import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { currentJob } from "@/lib/lab/job";
import { type LabStatus, labStatus } from "@/lib/lab/status";

export type LabStatusResponse = LabStatus & {
  /** How often to ask again: the target's live-read interval, faster while a job runs. */
  pollMs: number;
};

// The top bar and the Overview both poll; one DescribeStacks serves them within this window.
const SHARE_MS = 400;
let shared: { at: number; result: Promise<LabStatusResponse> } | undefined;

async function read(): Promise<LabStatusResponse> {
  const target = await currentTarget();
  const job = currentJob();
  const status = await labStatus({ target, job });
  return { ...status, pollMs: job?.state === "running" ? 1_000 : capabilities(target).pollMs };
}

/** The lab's overall state, each stack's status and the outputs, on the current target. */
export async function GET() {
  await connection();
  if (!shared || Date.now() - shared.at > SHARE_MS) shared = { at: Date.now(), result: read() };
  return Response.json(await shared.result, { headers: { "Cache-Control": "no-store" } });
}
