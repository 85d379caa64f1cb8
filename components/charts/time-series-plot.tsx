"use client";

import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import { ticksFor, timeAxisProps } from "@/components/charts/time-axis";
import styles from "./charts.module.css";
import { SeriesSwatch } from "./series-swatch";
import type { ChartSeries, TimePoint } from "./time-series-chart";
import { formatAgo, formatValue } from "./time-window";
import { niceCeiling } from "@/lib/data/chart-scale";


/** The Recharts part of TimeSeriesChart, loaded on its own (see there). */
export function TimeSeriesPlot({
  height,
  points: visible,
  from,
  now,
  windowMs,
  tickMs,
  hasRight,
  series,
  colors,
}: {
  height: number;
  points: readonly TimePoint[];
  from: number;
  now: number;
  windowMs: number;
  tickMs: number;
  hasRight: boolean;
  series: readonly ChartSeries[];
  colors: Record<string, string>;
}) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      <ComposedChart data={visible as TimePoint[]} margin={{ top: 6, right: hasRight ? 0 : 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
        <XAxis {...timeAxisProps(from, now, ticksFor(now, windowMs, tickMs), colors)} />
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
