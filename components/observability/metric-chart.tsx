"use client";

import { useMemo } from "react";
import { type ChartSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { type TimeWindowKey, timeWindow } from "@/components/charts/time-window";
import type { ChartUnit, ChartView } from "@/lib/data/observability";
import { BreakerChart } from "./breaker-chart";
import { mergePoints } from "./chart-points";
import styles from "./observability.module.css";

const PALETTE = ["--series-1", "--series-2", "--series-3", "--series-4", "--series-5", "--series-6", "--series-7"];

const UNIT: Record<ChartUnit, string> = { "req/s": "req/s", "errors/s": "errors/s", "events/s": "events/s", ms: "ms", messages: "msg", state: "", count: "", none: "" };

/**
 * A ChartView drawn with the shared time-series chart (or as a step chart for breaker states).
 * Series with no data in the window stay out of the plot and legend, named once underneath;
 * each keeps its colour whatever else is shown.
 */
export function MetricChart({ view, window, now, height = 150 }: { view: ChartView; window: TimeWindowKey; now: number; height?: number }) {
  const shown = useMemo(() => {
    const indexed = view.series.map((s, i) => ({ s, i }));
    return indexed.filter(({ s }) => s.points.length > 0);
  }, [view]);
  const points = useMemo(() => mergePoints({ ...view, series: shown.map(({ s }) => s) }), [view, shown]);
  const series = useMemo(
    (): ChartSeries[] =>
      shown.map(({ s, i }, k) => ({
        key: `s${k}`,
        label: s.label,
        kind: "line",
        color: s.emphasis === "danger" ? "--danger" : PALETTE[i % PALETTE.length],
        unit: UNIT[view.unit],
        dashed: s.emphasis === "danger",
      })),
    [shown, view.unit],
  );
  const silent = view.series.filter((s) => !s.points.length).map((s) => s.label);
  if (!shown.length) {
    return (
      <div className={styles.emptyChart} style={{ minHeight: height }} role="img" aria-label={`${view.title}: no data in the last ${timeWindow(window).long}.`}>
        <p>No data in the last {timeWindow(window).long}.</p>
        <p className={styles.emptyChartSeries}>Waiting for {view.series.map((s) => s.label).join(", ")}.</p>
      </div>
    );
  }
  if (view.shape === "step") return <BreakerChart view={view} window={window} now={now} height={height} />;
  const footnote = [view.note, silent.length ? `No data: ${silent.join(", ")}.` : ""].filter(Boolean).join(" ");
  return <TimeSeriesChart title={view.title} series={series} points={points} window={window} now={now} height={height} footnote={footnote || undefined} />;
}
