import { Icon, type IconName } from "@/components/ui/icons";
import type { BreakerState } from "@/lib/lab/contract";
import styles from "./resilience.module.css";

/** Icon and tone per state: colour is never the only signal (UI.md). */
export const STATE_META: Record<BreakerState, { icon: IconName; tone: "ok" | "warn" | "danger"; word: string; meaning: string }> = {
  CLOSED: { icon: "check", tone: "ok", word: "CLOSED", meaning: "calls pass through" },
  HALF_OPEN: { icon: "clock", tone: "warn", word: "HALF_OPEN", meaning: "probes pass; successes close it, a failure reopens it" },
  OPEN: { icon: "stop", tone: "danger", word: "OPEN", meaning: "calls are refused and answered by the fallback" },
};

export function BreakerStateBadge({ state, size }: { state: BreakerState; size?: "large" }) {
  const meta = STATE_META[state];
  return (
    <span className={styles.state} data-state={state} data-size={size} data-testid="breaker-state">
      <Icon name={meta.icon} size={size === "large" ? 17 : 14} strokeWidth={2.4} />
      {meta.word}
    </span>
  );
}
