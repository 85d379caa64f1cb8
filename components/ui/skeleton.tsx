import type { CSSProperties } from "react";
import styles from "./ui.module.css";

/** A placeholder block with a soft shimmer; purely visual. */
export function Skeleton({ width, height = 12, round, style }: { width?: number | string; height?: number | string; round?: boolean; style?: CSSProperties }) {
  return <span className={styles.skeleton} data-round={round || undefined} style={{ width, height, ...style }} />;
}
