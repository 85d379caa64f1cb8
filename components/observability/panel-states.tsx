import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";
import { Glyph, type GlyphName } from "./glyphs";
import styles from "./observability.module.css";

/** A panel with nothing to show yet: what is missing, and what makes it appear. */
export function EmptyNote({ title, children, icon = "inbox" }: { title: string; children: ReactNode; icon?: GlyphName }) {
  return (
    <div className={styles.note} data-tone="empty" data-testid="panel-empty">
      <Glyph name={icon} size={18} />
      <div>
        <p className={styles.noteTitle}>{title}</p>
        <p className={styles.noteBody}>{children}</p>
      </div>
    </div>
  );
}

/** A read that failed: what failed, why, and what to do. */
export function ErrorNote({ what, error, retryMs }: { what: string; error: string; retryMs: number }) {
  return (
    <div className={styles.note} data-tone="danger" role="alert" data-testid="panel-error">
      <Glyph name="alert" size={18} />
      <div>
        <p className={styles.noteTitle}>{what}</p>
        <p className={styles.noteBody}>
          {error}. Check that the target in Settings is reachable; this panel tries again every {Math.round(retryMs / 1000)} s.
        </p>
      </div>
    </div>
  );
}

/** Skeleton rows for a list or table that is loading. */
export function RowsSkeleton({ rows = 4 }: { rows?: number }) {
  return (
    <div className={styles.skeletonRows} aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder rows
        <div key={i} className={styles.skeletonRow}>
          <Skeleton width="22%" />
          <Skeleton width={`${48 - i * 6}%`} />
          <Skeleton width="12%" />
        </div>
      ))}
    </div>
  );
}

/** Skeleton for a grid of charts. */
export function ChartsSkeleton({ count = 4, height = 160 }: { count?: number; height?: number }) {
  return (
    <div className={styles.chartGrid} aria-hidden="true">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed placeholder cards
        <div key={i} className={styles.chartCard}>
          <Skeleton width={120} height={14} />
          <Skeleton width="100%" height={height} />
          <Skeleton width="60%" height={10} />
        </div>
      ))}
    </div>
  );
}

/** Visible only to assistive technology while a panel loads. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="visually-hidden" role="status">
      Loading {what}…
    </p>
  );
}
