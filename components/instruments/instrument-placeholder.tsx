import type { ReactNode } from "react";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import styles from "./instruments.module.css";

export type InstrumentKind = "chart" | "breaker" | "map" | "table" | "form" | "timeline" | "tree" | "log";

const WAVE = "M0 70 C 40 64, 60 40, 100 46 S 170 78, 210 60 S 280 20, 320 34 S 380 58, 400 50";

const SHAPES: Record<InstrumentKind, () => ReactNode> = {
  chart: () => (
    <div className={styles.chart}>
      <svg aria-hidden="true" viewBox="0 0 400 100" preserveAspectRatio="none" className={styles.chartSvg}>
        {[20, 45, 70, 95].map((y) => (
          <line key={y} x1="0" x2="400" y1={y} y2={y} className={styles.gridLine} />
        ))}
        <path d={`${WAVE} L 400 100 L 0 100 Z`} className={styles.area} />
        <path d={WAVE} className={styles.line} />
      </svg>
      <div className={styles.legend}>
        <Skeleton width={72} />
        <Skeleton width={64} />
        <Skeleton width={48} />
      </div>
    </div>
  ),
  breaker: () => (
    <div className={styles.breaker}>
      <div className={styles.row}>
        <Skeleton width={84} height={22} round />
        <Skeleton width={56} />
      </div>
      <div className={styles.stats}>
        {[0, 1, 2].map((i) => (
          <div key={i} className={styles.stat}>
            <Skeleton width={36} height={10} />
            <Skeleton width={54} height={18} />
          </div>
        ))}
      </div>
      <svg aria-hidden="true" viewBox="0 0 400 40" preserveAspectRatio="none" className={styles.sparkline}>
        <path d="M0 30 L40 28 L80 31 L120 22 L160 26 L200 12 L240 18 L280 24 L320 20 L360 27 L400 25" className={styles.line} />
      </svg>
    </div>
  ),
  map: () => (
    <svg aria-hidden="true" viewBox="0 0 400 160" className={styles.map}>
      {[
        "M60 80 L160 40",
        "M60 80 L160 120",
        "M160 40 L270 40",
        "M160 120 L270 120",
        "M160 40 L270 120",
        "M270 40 L350 80",
        "M270 120 L350 80",
      ].map((d) => (
        <path key={d} d={d} className={styles.edge} />
      ))}
      {[
        [60, 80],
        [160, 40],
        [160, 120],
        [270, 40],
        [270, 120],
        [350, 80],
      ].map(([cx, cy]) => (
        <circle key={`${cx}-${cy}`} cx={cx} cy={cy} r="15" className={styles.node} />
      ))}
    </svg>
  ),
  table: () => (
    <div className={styles.table}>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className={styles.row}>
          <Skeleton width="30%" />
          <Skeleton width="18%" />
          <Skeleton width="14%" />
        </div>
      ))}
    </div>
  ),
  form: () => (
    <div className={styles.form}>
      {[0, 1].map((i) => (
        <div key={i} className={styles.field}>
          <Skeleton width={90} height={10} />
          <Skeleton width="100%" height={34} />
        </div>
      ))}
      <Skeleton width={120} height={34} />
    </div>
  ),
  timeline: () => (
    <div className={styles.timeline}>
      <div className={styles.band} style={{ left: "22%", width: "18%" }} />
      <div className={styles.band} style={{ left: "64%", width: "12%" }} />
      <svg aria-hidden="true" viewBox="0 0 400 100" preserveAspectRatio="none" className={styles.chartSvg}>
        <path d="M0 85 L80 84 L100 40 L150 30 L170 82 L250 86 L260 50 L300 46 L310 84 L400 85" className={styles.line} />
      </svg>
      <div className={styles.strip}>
        <Skeleton width="22%" height={8} />
        <Skeleton width="30%" height={8} />
        <Skeleton width="20%" height={8} />
      </div>
    </div>
  ),
  tree: () => (
    <div className={styles.tree}>
      <Skeleton width={140} height={14} />
      {[0, 1, 2].map((i) => (
        <div key={i} className={styles.branch}>
          <Skeleton width={14} height={14} round />
          <Skeleton width={`${50 - i * 8}%`} />
        </div>
      ))}
    </div>
  ),
  log: () => (
    <div className={styles.log}>
      {[62, 80, 48, 74, 56].map((w) => (
        <div key={w} className={styles.row}>
          <Skeleton width={64} height={10} />
          <Skeleton width={`${w}%`} height={10} />
        </div>
      ))}
    </div>
  ),
};

/** The frame of an instrument that has nothing to show until the lab is deployed. */
export function InstrumentPlaceholder({
  title,
  description,
  kind,
  span,
}: {
  title: string;
  description: ReactNode;
  kind: InstrumentKind;
  span?: 1 | 2;
}) {
  return (
    <Panel title={title} description={description} span={span}>
      <div className={styles.frame} data-kind={kind} aria-hidden="true">
        {SHAPES[kind]()}
      </div>
      <p className={styles.caption}>No data yet: this fills in once the lab is deployed.</p>
    </Panel>
  );
}
