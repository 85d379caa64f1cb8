import type { NextRequest } from "next/server";
import { windowOf } from "@/lib/data/observability";
import { readAlarms } from "@/lib/data/observability-sdk";
import { liveRead } from "@/app/api/respond";

/** The lab's alarms with their states across the window, and what lab-alarms was sent (from history). */
export function GET(request: NextRequest) {
  const window = windowOf(request.nextUrl.searchParams.get("window"));
  return liveRead((target) => readAlarms(target, window), "DescribeAlarms");
}
