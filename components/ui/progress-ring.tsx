import styles from "./ui.module.css";

/** A small ring filled to `value` (0–100); the percentage is also given as text. */
export function ProgressRing({ value, label, size = 18 }: { value: number; label: string; size?: number }) {
  const clamped = Math.min(100, Math.max(0, value));
  const radius = 7;
  const circumference = 2 * Math.PI * radius;
  return (
    <span className={styles.ring} role="img" aria-label={`${label}: ${Math.round(clamped)}%`}>
      <svg width={size} height={size} viewBox="0 0 18 18" aria-hidden="true">
        <circle cx="9" cy="9" r={radius} className={styles.ringTrack} />
        {clamped > 0 && (
          <circle
          cx="9"
          cy="9"
          r={radius}
          className={styles.ringValue}
          strokeDasharray={circumference}
          strokeDashoffset={circumference * (1 - clamped / 100)}
          transform="rotate(-90 9 9)"
          />
        )}
      </svg>
    </span>
  );
}
