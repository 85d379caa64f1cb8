import type { TimePoint } from "@/components/charts/time-series-chart";
import type { ChartView } from "@/lib/data/observability";

/** Points of several series on one time axis: one row per timestamp, `s<i>` per series. */
export function mergePoints(view: ChartView): TimePoint[] {
  const rows = new Map<number, TimePoint>();
  view.series.forEach((s, i) => {
    for (const [t, v] of s.points) {
      const row = rows.get(t) ?? { t };
      row[`s${i}`] = v;
      rows.set(t, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.t - b.t);
}
