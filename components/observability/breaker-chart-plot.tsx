"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { timeAxisProps } from "@/components/charts/time-axis";
import { formatAgo } from "@/components/charts/time-window";
import { breakerWord } from "@/lib/data/observability";
import type { TimePoint } from "@/components/charts/time-series-chart";

const WORDS = ["CLOSED", "HALF_OPEN", "OPEN"];

/** The Recharts part of BreakerChart, loaded on its own. */
export function BreakerChartPlot({
  height,
  points,
  from,
  now,
  ticks,
  colors,
  labels,
  lineColors,
}: {
  height: number;
  points: TimePoint[];
  from: number;
  now: number;
  ticks: number[];
  colors: Record<string, string>;
  labels: string[];
  lineColors: string[];
}) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
      <LineChart data={points} margin={{ top: 8, right: 10, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
        <XAxis {...timeAxisProps(from, now, ticks, colors)} />
        <YAxis
          domain={[0, 2]}
          ticks={[0, 1, 2]}
          tickFormatter={(v: number) => WORDS[v] ?? String(v)}
          width={78}
          tick={{ fill: colors["--text-muted"], fontSize: 11 }}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip
          isAnimationActive={false}
          labelFormatter={(t) => formatAgo(now - Number(t))}
          formatter={(v) => breakerWord(Number(v)) ?? String(v)}
          contentStyle={{ background: "var(--surface)", border: "1px solid var(--border-strong)", borderRadius: 6, fontSize: 12 }}
        />
        {labels.map((label, i) => (
          <Line
            key={label}
            dataKey={`s${i}`}
            name={label}
            type="stepAfter"
            stroke={lineColors[i]}
            strokeWidth={2.25}
            strokeDasharray={i % 2 ? "6 3" : undefined}
            dot={false}
            connectNulls
            isAnimationActive={false}
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}
