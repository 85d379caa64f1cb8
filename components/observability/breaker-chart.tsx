"use client";

import dynamic from "next/dynamic";
import { useMemo, useRef } from "react";
import { ticksFor } from "@/components/charts/time-axis";
import { formatAgo, type TimeWindowKey, timeWindow } from "@/components/charts/time-window";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { Skeleton } from "@/components/ui/skeleton";
import { breakerWord, type ChartView } from "@/lib/data/observability";
import { mergePoints } from "./chart-points";
import styles from "./observability.module.css";
import { BreakerBadge } from "./state-badge";

// Recharts loads after the page is interactive, into a box of the same height (see TimeSeriesChart).
const BreakerChartPlot = dynamic(() => import("./breaker-chart-plot").then((m) => m.BreakerChartPlot), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });

const COLORS = ["--series-1", "--series-3", "--series-2", "--series-4"];
const AXIS = ["--text-muted", "--border", "--ok", "--warn", "--danger"];

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
  const ticks = useMemo(() => ticksFor(now, w.ms, w.tickMs), [now, w]);
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
          <BreakerChartPlot height={height} points={points} from={from} now={now} ticks={ticks} colors={colors} labels={view.series.map((x) => x.label)} lineColors={view.series.map((_, i) => colors[COLORS[i % COLORS.length]])} />
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
