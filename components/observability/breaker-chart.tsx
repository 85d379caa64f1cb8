"use client";

import { useMemo, useRef } from "react";
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatAgo, type TimeWindowKey, timeWindow } from "@/components/charts/time-window";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { Skeleton } from "@/components/ui/skeleton";
import { breakerWord, type ChartView } from "@/lib/data/observability";
import { mergePoints } from "./chart-points";
import styles from "./observability.module.css";
import { BreakerBadge } from "./state-badge";

const COLORS = ["--series-1", "--series-3", "--series-2", "--series-4"];
const AXIS = ["--text-muted", "--border", "--ok", "--warn", "--danger"];
const WORDS = ["CLOSED", "HALF_OPEN", "OPEN"];

/**
 * CircuitBreakerState (0 closed, 1 half-open, 2 open) as a step chart: a state holds until the
 * next sample changes it. The axis reads in state words; the legend gives each breaker's latest
 * state as icon + word + colour.
 */
export function BreakerChart({ view, window: windowKey, now, height }: { view: ChartView; window: TimeWindowKey; now: number; height: number }) {
  const ref = useRef<HTMLElement>(null);
  const colors = useChartColors(ref, [...AXIS, ...COLORS]);
  const points = useMemo(() => mergePoints(view), [view]);
  const w = timeWindow(windowKey);
  const from = now - w.ms;
  const ticks = useMemo(() => {
    const out: number[] = [];
    for (let t = now - w.ms; t <= now + 1; t += w.tickMs) out.push(t);
    return out;
  }, [now, w]);
  const summary = view.series
    .map((s) => {
      const word = breakerWord(s.latest);
      return word ? `${s.label} ${word} (${formatAgo(now - (s.latestAt ?? now))})` : `${s.label} no data`;
    })
    .join(", ");

  return (
    <figure ref={ref} className={styles.breakerFigure} data-testid="breaker-chart">
      <div style={{ height }} aria-hidden="true">
        {colors ? (
          <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
            <LineChart data={points} margin={{ top: 8, right: 10, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                domain={[from, now]}
                allowDataOverflow
                ticks={ticks}
                tickFormatter={(t: number) => formatAgo(now - t)}
                stroke={colors["--border"]}
                tick={{ fill: colors["--text-muted"], fontSize: 11 }}
                tickLine={false}
                height={22}
              />
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
              {view.series.map((s, i) => (
                <Line
                  key={s.label}
                  dataKey={`s${i}`}
                  name={s.label}
                  type="stepAfter"
                  stroke={colors[COLORS[i % COLORS.length]]}
                  strokeWidth={2.25}
                  strokeDasharray={i % 2 ? "6 3" : undefined}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        ) : (
          <Skeleton width="100%" height={height} />
        )}
      </div>
      <figcaption className={styles.breakerCaption}>
        <span className="visually-hidden">
          {view.title}: {summary}.
        </span>
        <span className={styles.breakerLegend} aria-hidden="true">
          {view.series.map((s, i) => {
            const word = breakerWord(s.latest);
            return (
              <span key={s.label} className={styles.breakerLegendItem}>
                <svg width="16" height="10" viewBox="0 0 16 10" aria-hidden="true">
                  <line x1="0" x2="16" y1="5" y2="5" stroke={colors?.[COLORS[i % COLORS.length]]} strokeWidth="2.5" strokeDasharray={i % 2 ? "4 2" : undefined} />
                </svg>
                {s.label}
                {word ? <BreakerBadge state={word} /> : <span className={styles.muted}>no data</span>}
              </span>
            );
          })}
        </span>
        {view.note && <span className={styles.chartNote}>{view.note}</span>}
      </figcaption>
    </figure>
  );
}
