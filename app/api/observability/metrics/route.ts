import type { NextRequest } from "next/server";
import { windowOf, isMetricService } from "@/lib/data/observability";
import { readMetrics } from "@/lib/data/observability-sdk";
import { SERVICES } from "@/lib/lab/contract";
import { liveRead } from "@/app/api/respond";

/**
 * The Observability page's charts (`view=lab`) or the lab dashboard's widgets (`view=dashboard`)
 * for a window: one GetMetricData call per request, whatever the number of series.
 */
export function GET(request: NextRequest) {
  const params = request.nextUrl.searchParams;
  const window = windowOf(params.get("window"));
  const view = params.get("view") === "dashboard" ? "dashboard" : "lab";
  const latency = params.get("latency");
  return liveRead(
    (target) => readMetrics(target, { window, view, latency: isMetricService(latency) ? latency : SERVICES.order }),
    "GetMetricData",
  );
}
