"use client";

import { useId } from "react";
import styles from "./charts.module.css";
import { TIME_WINDOWS, type TimeWindowKey } from "./time-window";

/** The shared 1 m / 5 m / 15 m control: native radios, so arrow keys move between them. */
export function WindowControl({ value, onChange, label = "Time window" }: { value: TimeWindowKey; onChange: (key: TimeWindowKey) => void; label?: string }) {
  const name = useId();
  return (
    <fieldset className={styles.windowControl}>
      <legend className="visually-hidden">{label}</legend>
      {TIME_WINDOWS.map((w) => (
        <label key={w.key} className={styles.windowOption}>
          <input type="radio" name={name} value={w.key} checked={value === w.key} onChange={() => onChange(w.key)} />
          <span className={styles.windowLabel}>
            {w.label}
            <span className="visually-hidden"> ({w.long})</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
