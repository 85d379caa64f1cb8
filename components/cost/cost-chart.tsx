"use client";

import { useRef } from "react";
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import chartStyles from "@/components/charts/charts.module.css";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { Skeleton } from "@/components/ui/skeleton";
import { formatDuration, formatMoney, formatRate } from "@/lib/cost/format";
import type { CostPoint } from "@/lib/cost/report";

const COLORS = ["--accent", "--border", "--text-muted"];
const HEIGHT = 150;

interface Point {
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
        ) : (
          <Skeleton width="100%" height={HEIGHT} />
        )}
      </div>
      <figcaption className={chartStyles.footnote}>{caption}</figcaption>
    </figure>
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
