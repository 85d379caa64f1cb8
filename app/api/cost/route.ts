import { connection } from "next/server";
import { currentTarget } from "@/lib/aws/clients";
import { targetKey } from "@/lib/aws/target";
import { type CostReport, costReport } from "@/lib/cost/report";

// The top bar on every page and the Overview's Cost panel both poll; one read serves them
// within this window.
const SHARE_MS = 400;
let shared: { at: number; key: string; result: Promise<CostReport> } | undefined;

/**
 * What the lab costs on the current target: { accrued, hourly, perResource[], region,
 * pricesReadOn, seedComparison, … }. On the local emulator the figures are what the same lab
 * would cost on AWS, and `charged` is 0.
 */
export async function GET() {
  await connection();
  const target = await currentTarget();
  const key = targetKey(target);
  if (!shared || shared.key !== key || Date.now() - shared.at > SHARE_MS) {
    shared = { at: Date.now(), key, result: costReport(target) };
  }
  return Response.json(await shared.result, { headers: { "Cache-Control": "no-store" } });
}
