"use client";

import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import chartStyles from "@/components/charts/charts.module.css";
import { formatDuration, formatMoney } from "@/lib/cost/format";
import type { Point } from "./cost-chart";

/** The Recharts part of CostChart, loaded on its own. */
export function CostChartPlot({ height: HEIGHT, points, minutes, tickUnit, colors }: { height: number; points: Point[]; minutes: number; tickUnit: number; colors: Record<string, string> }) {
  return (
    <ResponsiveContainer width="100%" height={HEIGHT} initialDimension={{ width: 600, height: HEIGHT }}>
      <AreaChart data={points} margin={{ top: 6, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
        <XAxis
          dataKey="m"
          type="number"
          domain={[0, minutes]}
          ticks={Array.from({ length: Math.floor(minutes / tickUnit) + 1 }, (_, i) => i * tickUnit)}
          tickFormatter={(m: number) => (m === 0 ? "deploy" : m >= 60 ? `${Math.floor(m / 60)} h${m % 60 ? ` ${m % 60}` : ""}` : `${m} min`)}
          stroke={colors["--text-muted"]}
          tick={{ fontSize: 11, fill: colors["--text-muted"] }}
          tickLine={false}
          axisLine={{ stroke: colors["--border"] }}
        />
        <YAxis
          width={56}
          tickFormatter={(v: number) => formatMoney(v)}
          stroke={colors["--text-muted"]}
          tick={{ fontSize: 11, fill: colors["--text-muted"] }}
          tickLine={false}
          axisLine={false}
          allowDecimals
        />
        <Tooltip content={(props) => <CostTooltip {...(props as TooltipContentProps<number, string>)} />} isAnimationActive={false} />
        <Area dataKey="accrued" name="Accrued" type="linear" stroke={colors["--accent"]} strokeWidth={2} fill={colors["--accent"]} fillOpacity={0.18} isAnimationActive={false} dot={false} activeDot={{ r: 3 }} />
      </AreaChart>
    </ResponsiveContainer>
  );
}

function CostTooltip({ active, payload, label }: TooltipContentProps<number, string>) {
  if (!active || !payload?.length) return null;
  return (
    <div className={chartStyles.tooltip}>
      <p>{formatDuration(Number(label) * 60_000)} after deploy</p>
      <strong>{formatMoney(Number(payload[0].value))}</strong>
    </div>
  );
}
