import type { NextRequest } from "next/server";
import { isLogGroup } from "@/lib/data/observability";
import { readLogs } from "@/lib/data/observability-sdk";
import { badRequest, liveRead } from "@/app/api/respond";

const MAX_PATTERN = 1024;
const DEFAULT_LOOKBACK_MS = 5 * 60_000;

/** A log group's events since `since` (epoch ms, inclusive), matching the CloudWatch filter `pattern`. */
export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const group = params.get("group");
  if (!isLogGroup(group)) return badRequest("Choose one of the lab's log groups.");
  const pattern = (params.get("pattern") ?? "").trim();
  if (pattern.length > MAX_PATTERN) return badRequest(`A filter pattern is at most ${MAX_PATTERN} characters.`);
  const since = Number(params.get("since"));
  const start = Number.isFinite(since) && since > 0 ? since : Date.now() - DEFAULT_LOOKBACK_MS;
  return liveRead((target) => readLogs(target, { group, pattern, since: start }), "FilterLogEvents");
}
