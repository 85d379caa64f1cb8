"use client";

import dynamic from "next/dynamic";
import { useRef } from "react";
import chartStyles from "@/components/charts/charts.module.css";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDuration, formatMoney, formatRate } from "@/lib/cost/format";
import type { CostPoint } from "@/lib/cost/report";

// Recharts loads after the page is interactive, into a box of the same height (see TimeSeriesChart).
const CostChartPlot = dynamic(() => import("./cost-chart-plot").then((m) => m.CostChartPlot), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });

const COLORS = ["--accent", "--border", "--text-muted"];
const HEIGHT = 150;

export interface Point {
  /** Minutes since deploy. */
  m: number;
  accrued: number;
}

/**
 * Accrued cost from deploy to now. Its caption, the text alternative, gives the latest value
 * and the rate.
 */
export function CostChart({ series, hourly, label }: { series: readonly CostPoint[]; hourly: number; label: string }) {
  const ref = useRef<HTMLElement>(null);
  const colors = useChartColors(ref, COLORS);
  const start = series.length ? Date.parse(series[0].t) : 0;
  const points: Point[] = series.map((p) => ({ m: (Date.parse(p.t) - start) / 60_000, accrued: p.accrued }));
  const last = series.at(-1);
  const span = last ? Date.parse(last.t) - start : 0;
  const caption = last
    ? `${label}: ${formatMoney(last.accrued)} after ${formatDuration(span)}, rising ${formatRate(hourly)}.`
    : `${label}: nothing yet.`;
  const minutes = Math.max(1, Math.ceil(points.at(-1)?.m ?? 1));
  const tickUnit = minutes > 180 ? 60 : minutes > 60 ? 30 : minutes > 20 ? 10 : minutes > 6 ? 2 : 1;

  return (
    <figure ref={ref} className={chartStyles.chart} data-testid="cost-chart">
      <div className={chartStyles.plot} style={{ height: HEIGHT }} aria-hidden="true">
        {colors ? (
          <CostChartPlot height={HEIGHT} points={points} minutes={minutes} tickUnit={tickUnit} colors={colors} />
        ) : (
          <Skeleton width="100%" height={HEIGHT} />
        )}
      </div>
      <figcaption className={chartStyles.footnote}>{caption}</figcaption>
    </figure>
  );
}

