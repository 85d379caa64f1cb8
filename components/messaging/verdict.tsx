import type { ReactNode } from "react";
import styles from "./messaging.module.css";

// Icons for verdicts and outcomes. Decorative: the word next to each carries the meaning, so a
// verdict never rests on colour (or shape) alone.
const PATHS = {
  yes: "M5 12.5l4.5 4.5L19 7.5",
  no: "M6.5 6.5l11 11M17.5 6.5l-11 11",
  wait: "M12 7v5l3 2M12 3.5a8.5 8.5 0 1 0 0 17 8.5 8.5 0 0 0 0-17z",
  busy: "M12 3.5a8.5 8.5 0 1 0 8.5 8.5M12 8v4l2.5 1.5",
  dead: "M12 3l10 18H2zM12 10v5M12 18v.5",
  gone: "M5 12h14",
  add: "M12 5v14M5 12h14",
} as const;

export type VerdictTone = "ok" | "danger" | "warn" | "neutral" | "info";
export type VerdictIcon = keyof typeof PATHS;

export function VerdictIconSvg({ icon, size = 16 }: { icon: VerdictIcon; size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={2.2} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[icon]} />
    </svg>
  );
}

/** An icon and a word in the tone's colour: "✓ Will receive", "✗ Dropped". */
export function Verdict({ tone, icon, children }: { tone: VerdictTone; icon: VerdictIcon; children: ReactNode }) {
  return (
    <span className={styles.verdict} data-tone={tone}>
      <VerdictIconSvg icon={icon} />
      <span>{children}</span>
    </span>
  );
}
