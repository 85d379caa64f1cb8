"use client";

import { type ReactNode, useMemo, useRef } from "react";
import dynamic from "next/dynamic";
import { Skeleton } from "@/components/ui/skeleton";
import styles from "./charts.module.css";
import { SeriesSwatch } from "./series-swatch";
import { formatAgo, formatValue, type TimeWindowKey, timeWindow } from "./time-window";
import { useChartColors } from "./use-chart-colors";

export interface ChartSeries {
  /** Field of each point. Avoid dots: Recharts reads them as paths. */
  key: string;
  label: string;
  kind: "area" | "line";
  /** A CSS custom property: the palette in charts.module.css (`--series-1`…) or a token such as `--danger`. */
  color: string;
  unit: string;
  /** Areas with the same stack id are stacked. */
  stack?: string;
  /** `step` for counts that jump (queue depth), `linear` for rates. Default `linear`. */
  curve?: "linear" | "step";
  /** The right-hand axis, for a second unit (a rate over counts). */
  axis?: "left" | "right";
  dashed?: boolean;
}

export interface TimePoint {
  /** Epoch ms. */
  t: number;
  [key: string]: number;
}

// Recharts is most of these pages' JavaScript: the plot loads after the page is interactive,
// into a box of the same height, so nothing moves when it arrives.
const TimeSeriesPlot = dynamic(() => import("./time-series-plot").then((m) => m.TimeSeriesPlot), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });

const AXIS_COLORS = ["--text-muted", "--border", "--surface", "--text"];



/**
 * A live time series on the shared window: stacked areas and lines over one time axis, colours
 * from the console's CSS variables (both themes), and a caption with the latest values that is
 * also the chart's text alternative. Sliding is driven by `now`, not by data arriving.
 */
export function TimeSeriesChart({
  title,
  series,
  points,
  window: windowKey,
  now,
  height = 160,
  footnote,
}: {
  /** What the chart shows, e.g. "order-processing queue depth". */
  title: string;
  series: readonly ChartSeries[];
  /** Oldest first. */
  points: readonly TimePoint[];
  window: TimeWindowKey;
  now: number;
  height?: number;
  /** Appended to the caption, e.g. where a value comes from. */
  footnote?: ReactNode;
}) {
  const ref = useRef<HTMLElement>(null);
  const colors = useChartColors(ref, [...AXIS_COLORS, ...series.map((s) => s.color)]);
  const w = timeWindow(windowKey);
  const from = now - w.ms;

  // Keep one point before the window so lines run to the left edge; the axis clips it.
  const visible = useMemo(() => {
    const first = points.findIndex((p) => p.t >= from);
    if (first < 0) return points.slice(-1);
    return points.slice(Math.max(0, first - 1));
  }, [points, from]);
  const inWindow = visible.filter((p) => p.t >= from);
  const latest = points[points.length - 1];
  const hasRight = series.some((s) => s.axis === "right");
  const peak = (key: string) => inWindow.reduce((m, p) => Math.max(m, p[key] ?? 0), 0);
  const leftUnit = series.find((s) => s.axis !== "right")?.unit ?? "";
  const rightUnit = series.find((s) => s.axis === "right")?.unit ?? "";

  const caption = latest
    ? `${title}, latest values ${formatAgo(now - latest.t)}: ${series.map((s) => `${s.label} ${formatValue(latest[s.key], s.unit)}`).join(", ")}. Highest in the last ${w.long}: ${series
        .map((s) => `${s.label} ${formatValue(peak(s.key), s.unit)}`)
        .join(", ")}.`
    : `${title}: no samples yet.`;

  return (
    <figure ref={ref} className={styles.chart} data-testid="time-series-chart">
      <div className={styles.plot} style={{ height }} aria-hidden="true">
        {colors ? (
          <TimeSeriesPlot height={height} points={visible} from={from} now={now} windowMs={w.ms} tickMs={w.tickMs} hasRight={hasRight} series={series} colors={colors} />
        ) : (
          <Skeleton width="100%" height={height} />
        )}
      </div>
      <figcaption className={styles.caption}>
        <span className="visually-hidden">{caption}</span>
        <span className={styles.legend} aria-hidden="true">
          {series.map((s) => (
            <span key={s.key} className={styles.legendItem} data-series={s.key}>
              <SeriesSwatch series={s} color={colors?.[s.color]} />
              <span className={styles.legendLabel}>{s.label}</span>
              <span className={styles.legendValue}>{formatValue(latest?.[s.key], s.unit)}</span>
            </span>
          ))}
          {(leftUnit || rightUnit) && hasRight && (
            <span className={styles.axisNote}>
              left axis {leftUnit}, right axis {rightUnit}
            </span>
          )}
        </span>
        {footnote && <span className={styles.footnote}>{footnote}</span>}
      </figcaption>
    </figure>
  );
}

