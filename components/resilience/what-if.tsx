"use client";

import { useId, useMemo, useState } from "react";
import { Icon } from "@/components/ui/icons";
import { type CircuitView, rollingTotals, whatIfRows } from "@/lib/data/resilience";
import styles from "./resilience.module.css";

const HORIZON_MS = 60_000;

/**
 * The same traffic through four breakers: the lab's, and the defaults of Hystrix, resilience4j
 * and opossum. It runs the real transition functions (services/shared/breaker.ts), so "opens
 * after 0.4 s" is what that breaker would do, not a rule of thumb.
 */
export function WhatIf({ circuits, now }: { circuits: CircuitView[]; now: number }) {
  const id = useId();
  const [source, setSource] = useState<string>(circuits[0]?.service ?? "custom");
  const [custom, setCustom] = useState({ errorPercent: "50", rps: "20" });
  const live = circuits.find((c) => c.service === source);
  // The service's own Requests and Errors: while the breaker is OPEN no calls cross the circuit,
  // but the service still answers (or fails) everything else it gets.
  const measured = live ? rollingTotals(live.traffic, now, 30_000) : undefined;
  const errorPercent = measured ? (measured.errorPercent ?? 0) : clamp(Number(custom.errorPercent), 0, 100);
  const rps = measured ? measured.rps : clamp(Number(custom.rps), 0, 1000);
  const rows = useMemo(() => whatIfRows(errorPercent, rps, HORIZON_MS), [errorPercent, rps]);

  return (
    <div style={{ display: "grid", gap: "var(--space-4)" }}>
      <div style={{ display: "flex", flexWrap: "wrap", gap: "var(--space-3)", alignItems: "flex-end" }}>
        <div className="field">
          <label htmlFor={`${id}-source`}>Traffic</label>
          <select id={`${id}-source`} className="input" style={{ maxWidth: 230 }} value={source} onChange={(e) => setSource(e.target.value)}>
            {circuits.map((c) => (
              <option key={c.service} value={c.service}>
                {c.service} (live)
              </option>
            ))}
            <option value="custom">Numbers I choose</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-err`}>Error rate (%)</label>
          <input
            id={`${id}-err`}
            className="input"
            style={{ maxWidth: 96 }}
            inputMode="decimal"
            value={live ? String(errorPercent) : custom.errorPercent}
            readOnly={Boolean(live)}
            onChange={(e) => setCustom({ ...custom, errorPercent: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-rps`}>Requests/s</label>
          <input
            id={`${id}-rps`}
            className="input"
            style={{ maxWidth: 96 }}
            inputMode="decimal"
            value={live ? String(rps) : custom.rps}
            readOnly={Boolean(live)}
            onChange={(e) => setCustom({ ...custom, rps: e.target.value })}
          />
        </div>
      </div>
      <p className="muted" style={{ fontSize: "0.86rem" }}>
        {rps > 0
          ? `If ${errorPercent}% of ${rps} calls a second failed for the next minute${live ? ` (what ${live.service} answered over the last 30 s)` : ""}:`
          : live
            ? "No calls right now: start the load generator, or choose your own numbers."
            : "With no traffic no breaker opens."}
      </p>
      <ul className={styles.presets} data-testid="what-if" aria-label="How each breaker preset would react over 60 s">
        {rows.map((r) => (
          <li key={r.preset} className={styles.preset}>
            <div className={styles.presetHead}>
              <strong>{r.label}</strong>
              <span className={styles.verdict} data-opens={r.opensAfterMs !== null || undefined}>
                <Icon name={r.opensAfterMs === null ? "check" : "stop"} size={14} />
                {r.verdict}
              </span>
              {r.opensAfterMs !== null && <span className="muted">refuses {r.refusedPercent}% of calls</span>}
            </div>
            <p className={styles.presetSummary}>{r.summary}</p>
            <p className={styles.presetConfig}>
              {r.description}{" "}
              {r.source.startsWith("http") && (
                <a href={r.source} target="_blank" rel="noreferrer">
                  Its defaults<span className="visually-hidden"> ({r.label}, opens in a new tab)</span>
                </a>
              )}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}

function clamp(n: number, lo: number, hi: number) {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}
