import type { AlarmState, TraceStatus } from "@/lib/data/observability";
import type { BreakerState } from "@/lib/lab/contract";
import { Glyph, type GlyphName } from "./glyphs";
import styles from "./observability.module.css";

export type Tone = "ok" | "warn" | "danger" | "neutral";

/** A state as icon + word + colour: colour is never the only signal (UI.md). */
export function StateBadge({ tone, icon, word, title }: { tone: Tone; icon: GlyphName; word: string; title?: string }) {
  return (
    <span className={styles.badge} data-tone={tone} title={title}>
      <Glyph name={icon} size={14} />
      {word}
    </span>
  );
}

const ALARM: Record<AlarmState, { tone: Tone; icon: GlyphName; word: string }> = {
  OK: { tone: "ok", icon: "ok", word: "OK" },
  ALARM: { tone: "danger", icon: "alert", word: "ALARM" },
  INSUFFICIENT_DATA: { tone: "neutral", icon: "question", word: "INSUFFICIENT DATA" },
};
export const alarmLook = (s: AlarmState) => ALARM[s];
export const AlarmBadge = ({ state }: { state: AlarmState }) => <StateBadge {...ALARM[state]} />;

const BREAKER: Record<BreakerState, { tone: Tone; icon: GlyphName; word: string }> = {
  CLOSED: { tone: "ok", icon: "ok", word: "CLOSED" },
  HALF_OPEN: { tone: "warn", icon: "half", word: "HALF_OPEN" },
  OPEN: { tone: "danger", icon: "fault", word: "OPEN" },
};
export const BreakerBadge = ({ state }: { state: BreakerState }) => <StateBadge {...BREAKER[state]} />;

const TRACE: Record<TraceStatus, { tone: Tone; icon: GlyphName; word: string }> = {
  ok: { tone: "ok", icon: "ok", word: "OK" },
  error: { tone: "warn", icon: "alert", word: "Error" },
  throttle: { tone: "warn", icon: "alert", word: "Throttled" },
  fault: { tone: "danger", icon: "fault", word: "Fault" },
};
export const traceLook = (s: TraceStatus) => TRACE[s];
export const TraceBadge = ({ status, httpStatus }: { status: TraceStatus; httpStatus?: number }) => (
  <StateBadge {...TRACE[status]} word={httpStatus !== undefined ? `${TRACE[status].word} ${httpStatus}` : TRACE[status].word} />
);
