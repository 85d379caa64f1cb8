"use client";

import { Area, ComposedChart, Line, ReferenceLine, ResponsiveContainer, XAxis, YAxis } from "recharts";
import type { CircuitView } from "@/lib/data/resilience";

type Points = CircuitView["traffic"];

/** The Recharts parts of BreakerCard, loaded on their own: errors against the threshold, and requests per second. */
export function ErrorSparkline({
  points,
  from,
  now,
  dataKey,
  threshold,
  peak,
  colors,
}: {
  points: Points;
  from: number;
  now: number;
  dataKey: "errorPercent" | "errors10s";
  threshold: number;
  peak: number;
  colors: Record<string, string>;
}) {
  return (
    <ResponsiveContainer width="100%" height={64} initialDimension={{ width: 300, height: 64 }}>
      <ComposedChart data={points} margin={{ top: 4, right: 2, bottom: 0, left: 2 }} accessibilityLayer={false}>
        <XAxis dataKey="t" type="number" domain={[from, now]} allowDataOverflow hide />
        <YAxis hide domain={[0, Math.max(threshold * 1.6, peak * 1.1, 1)]} />
        <Area dataKey={dataKey} type="stepAfter" stroke={colors["--danger"]} fill={colors["--danger"]} fillOpacity={0.18} strokeWidth={1.5} isAnimationActive={false} dot={false} />
        <ReferenceLine y={threshold} stroke={colors["--text-muted"]} strokeDasharray="4 3" ifOverflow="extendDomain" />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

export function RpsSparkline({ points, from, now, colors }: { points: Points; from: number; now: number; colors: Record<string, string> }) {
  return (
    <ResponsiveContainer width="100%" height={64} initialDimension={{ width: 200, height: 64 }}>
      <ComposedChart data={points} margin={{ top: 4, right: 2, bottom: 0, left: 2 }} accessibilityLayer={false}>
        <XAxis dataKey="t" type="number" domain={[from, now]} allowDataOverflow hide />
        <YAxis hide domain={[0, (max: number) => Math.max(1, max * 1.1)]} />
        <Line dataKey="rps" type="monotone" stroke={colors["--series-1"]} strokeWidth={1.75} isAnimationActive={false} dot={false} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}
