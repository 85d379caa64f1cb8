"use client";

import { type ReactNode, useMemo, useRef } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import { Skeleton } from "@/components/ui/skeleton";
import { niceCeiling } from "@/lib/data/chart-scale";
import styles from "./charts.module.css";
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

const AXIS_COLORS = ["--text-muted", "--border", "--surface", "--text"];

function ticksFor(now: number, windowMs: number, stepMs: number): number[] {
  const ticks: number[] = [];
  for (let t = now - windowMs; t <= now + 1; t += stepMs) ticks.push(t);
  return ticks;
}

function SeriesSwatch({ series, color }: { series: ChartSeries; color?: string }) {
  return (
    <svg width="16" height="10" viewBox="0 0 16 10" aria-hidden="true" className={styles.swatch}>
      {series.kind === "area" ? (
        <rect x="0.5" y="0.5" width="15" height="9" rx="2" fill={color} fillOpacity={0.35} stroke={color} />
      ) : (
        <line x1="0" x2="16" y1="5" y2="5" stroke={color} strokeWidth="2.5" strokeDasharray={series.dashed ? "4 3" : undefined} />
      )}
    </svg>
  );
}

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
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
            <ComposedChart data={visible as TimePoint[]} margin={{ top: 6, right: hasRight ? 0 : 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[from, now]}
                allowDataOverflow
                ticks={ticksFor(now, w.ms, w.tickMs)}
                tickFormatter={(t: number) => formatAgo(now - t)}
                stroke={colors["--border"]}
                tick={{ fill: colors["--text-muted"], fontSize: 11 }}
                tickLine={false}
                height={22}
              />
              <YAxis
                yAxisId="left"
                allowDecimals={false}
                // Five ticks on round, whole numbers: 0, 100, 200, 300, 400 rather than 0, 73, 145, 218, 290.
                domain={[0, (max: number) => niceCeiling(max, 4)]}
                tickCount={5}
                width={34}
                stroke={colors["--border"]}
                tick={{ fill: colors["--text-muted"], fontSize: 11 }}
                tickLine={false}
                axisLine={false}
              />
              {hasRight && (
                <YAxis
                  yAxisId="right"
                  orientation="right"
                  domain={[0, (max: number) => Math.max(1, Math.ceil(max * 2) / 2)]}
                  tickCount={3}
                  width={38}
                  tick={{ fill: colors["--text-muted"], fontSize: 11 }}
                  tickFormatter={(v: number) => String(Math.round(v * 100) / 100)}
                  tickLine={false}
                  axisLine={false}
                />
              )}
              <Tooltip
                isAnimationActive={false}
                cursor={{ stroke: colors["--text-muted"], strokeDasharray: "3 3" }}
                content={(props) => <ChartTooltip {...(props as TooltipContentProps<number, string>)} now={now} series={series} colors={colors} />}
              />
              {series.map((s) =>
                s.kind === "area" ? (
                  <Area
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    yAxisId={s.axis ?? "left"}
                    stackId={s.stack}
                    type={s.curve === "step" ? "stepAfter" : "linear"}
                    // Stacked areas go unstroked: a zero-height area's edge would sit on the one below.
                    stroke="none"
                    fill={colors[s.color]}
                    fillOpacity={0.5}
                    isAnimationActive={false}
                    dot={false}
                    activeDot={{ r: 3 }}
                  />
                ) : (
                  <Line
                    key={s.key}
                    dataKey={s.key}
                    name={s.label}
                    yAxisId={s.axis ?? "left"}
                    type={s.curve === "step" ? "stepAfter" : "linear"}
                    stroke={colors[s.color]}
                    strokeWidth={s.dashed ? 1.75 : 2.25}
                    strokeDasharray={s.dashed ? "5 4" : undefined}
                    isAnimationActive={false}
                    dot={false}
                    activeDot={{ r: 3 }}
                  />
                ),
              )}
            </ComposedChart>
          </ResponsiveContainer>
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

function ChartTooltip({
  active,
  payload,
  label,
  now,
  series,
  colors,
}: TooltipContentProps<number, string> & { now: number; series: readonly ChartSeries[]; colors: Record<string, string> }) {
  if (!active || !payload?.length) return null;
  const t = Number(label);
  return (
    <div className={styles.tooltip}>
      <p className={styles.tooltipTime}>{formatAgo(now - t)}</p>
      <ul>
        {series.map((s) => {
          const item = payload.find((p) => p.dataKey === s.key);
          if (!item) return null;
          return (
            <li key={s.key}>
              <SeriesSwatch series={s} color={colors[s.color]} />
              {s.label} <strong>{formatValue(Number(item.value), s.unit)}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
