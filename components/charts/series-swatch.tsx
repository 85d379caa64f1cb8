import styles from "./charts.module.css";
import type { ChartSeries } from "./time-series-chart";
/** A series' line or area sample, for legends and tooltips. */
export function SeriesSwatch({ series, color }: { series: ChartSeries; color?: string }) {
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
