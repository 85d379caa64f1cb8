"use client";

import { startTransition, useActionState, useEffect, useMemo } from "react";
import { type FormState, startLoadAction, stopLoadAction } from "@/app/resilience/actions";
import { type ChartSeries, TimeSeriesChart, type TimePoint } from "@/components/charts/time-series-chart";
import { Icon } from "@/components/ui/icons";
import { countdown } from "@/lib/data/resilience";
import { LOAD_LIMITS, LOAD_MIXES, type LoadRunView, MIX_LABELS, OUTCOME_LABELS, OUTCOMES } from "@/lib/lab/load";
import { FieldError, FormMessage, NumberField } from "./form-message";
import styles from "./resilience.module.css";
import { useRefreshResilience } from "./resilience-query";

const IDLE: FormState = { status: "idle" };

const SERIES: ChartSeries[] = [
  { key: "ok", label: "2xx", kind: "area", color: "--ok", unit: "req/s", stack: "a" },
  { key: "fallback", label: "202 fallback", kind: "area", color: "--warn", unit: "req/s", stack: "a" },
  { key: "client", label: "4xx", kind: "area", color: "--series-1", unit: "req/s", stack: "a" },
  { key: "server", label: "5xx or no answer", kind: "area", color: "--danger", unit: "req/s", stack: "a" },
];

/** A steady stream of the seed's requests to the lab's ALB, bounded and self-stopping. */
export function LoadPanel({ run, albUrl, now }: { run?: LoadRunView; albUrl?: string; now: number }) {
  const [state, dispatch, pending] = useActionState(startLoadAction, IDLE);
  const [stopState, stop, stopping] = useActionState(stopLoadAction, IDLE);
  const refresh = useRefreshResilience();
  useEffect(() => {
    if (state.status === "done" || stopState.status === "done") refresh();
  }, [state, stopState, refresh]);
  const errors = state.status === "invalid" ? state.errors : {};
  const values = state.status === "invalid" || state.status === "failed" ? (state.values ?? {}) : {};
  const running = run?.state === "running";

  const points = useMemo<TimePoint[]>(
    () => (run?.seconds ?? []).map((s) => ({ t: s.t, ok: s.ok, fallback: s.fallback, client: s.client, server: s.server + s.error })),
    [run?.seconds],
  );

  return (
    <div className={styles.bench}>
      <form className={styles.form} action={(form) => startTransition(() => dispatch(form))} noValidate aria-label="Generate load">
        <div className={styles.row}>
          <NumberField id="load-rps" name="rps" label="Rate (requests/s)" defaultValue={values.rps ?? "20"} disabled={running} error={errors.rps} hint={`${LOAD_LIMITS.minRps}–${LOAD_LIMITS.maxRps}`} />
          <NumberField id="load-duration" name="durationSeconds" label="Duration (s)" defaultValue={values.durationSeconds ?? "60"} disabled={running} error={errors.durationSeconds} hint={`up to ${LOAD_LIMITS.maxDurationSeconds} s`} />
          <div className="field">
            <label htmlFor="load-mix">Requests</label>
            <select id="load-mix" name="mix" className="input" defaultValue={values.mix ?? "both"} disabled={running} aria-invalid={errors.mix ? true : undefined}>
              {LOAD_MIXES.map((m) => (
                <option key={m} value={m}>
                  {MIX_LABELS[m]}
                </option>
              ))}
            </select>
            <FieldError id="load-mix-error" error={errors.mix} />
          </div>
        </div>
        <div className={styles.formActions}>
          {running ? (
            <button type="button" className="button" onClick={() => startTransition(() => stop(new FormData()))} disabled={stopping}>
              <Icon name="stop" size={15} />
              Stop load
            </button>
          ) : (
            <button type="submit" className="button" data-variant="primary" disabled={pending || !albUrl}>
              <Icon name="arrowRight" size={16} />
              {pending ? "Starting…" : "Start load"}
            </button>
          )}
          <span className="muted" style={{ fontSize: "0.85rem" }}>
            {albUrl ? (
              <>
                to <code>{albUrl}</code>
              </>
            ) : (
              "The load balancer is not deployed yet."
            )}
          </span>
        </div>
        <FormMessage state={state.status === "idle" ? stopState : state} />
      </form>

      {run && (
        <div className={styles.bench} data-testid="load-run">
          <div className={styles.progressHead}>
            <strong>
              {run.request.rps} req/s of {MIX_LABELS[run.request.mix]} ·{" "}
              {running ? `${countdown(run.endsAt - now)} left` : run.state === "stopped" ? (run.reason ?? "stopped") : "finished"}
            </strong>
            <span className="muted" style={{ fontSize: "0.85rem" }} data-testid="load-sent">
              {run.sent} sent{run.inFlight ? `, ${run.inFlight} in flight` : ""}
              {run.skipped ? `, ${run.skipped} skipped (too many in flight)` : ""}
            </span>
          </div>
          {running && (
            <div className={styles.meter} data-tone="ok" aria-hidden="true">
              <div className={styles.meterFill} style={{ width: `${Math.min(100, Math.round((100 * (now - run.startedAt)) / (run.endsAt - run.startedAt)))}%`, background: "var(--accent)" }} />
            </div>
          )}
          <dl className={styles.counts}>
            {OUTCOMES.map((o) => (
              <div key={o} className={styles.count} data-outcome={o}>
                <dt className={styles.countLabel}>{OUTCOME_LABELS[o]}</dt>
                <dd className={styles.countValue} data-testid={`load-count-${o}`}>
                  {run.counts[o]}
                </dd>
              </div>
            ))}
          </dl>
          <p className={styles.latency}>
            <span className={styles.latencyLabel}>Latency</span>
            {run.latency ? (
              <>
                <span>
                  p50 <b>{run.latency.p50} ms</b>
                </span>
                <span>
                  p90 <b>{run.latency.p90} ms</b>
                </span>
                <span>
                  p99 <b>{run.latency.p99} ms</b>
                </span>
              </>
            ) : (
              <span className="muted">no answers yet</span>
            )}
            {run.lastError && <span className="muted">last failure: {run.lastError}</span>}
          </p>
          {/* A finished run stays in view: the axis ends when it did. */}
          <TimeSeriesChart
            title="Answers per second"
            series={SERIES}
            points={points}
            window={run.request.durationSeconds <= 55 ? "1m" : "5m"}
            now={running ? now : Math.min(now, (run.finishedAt ?? now) + 5_000)}
            height={120}
            footnote="Per second of the run, by what came back."
          />
        </div>
      )}
    </div>
  );
}
