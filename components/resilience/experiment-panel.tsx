"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { type FormState, startExperimentAction, stopExperimentAction } from "@/app/resilience/actions";
import { RelativeTime } from "@/components/charts/relative-time";
import { Icon } from "@/components/ui/icons";
import { countdown } from "@/lib/data/resilience";
import { BREAKER_SERVICES, SERVICES } from "@/lib/lab/contract";
import type { Experiment } from "@/lib/lab/experiments";
import { FieldError, FormMessage, NumberField } from "./form-message";
import styles from "./resilience.module.css";
import { useRefreshResilience } from "./resilience-query";

const IDLE: FormState = { status: "idle" };
const MODES = [
  { id: "fail", label: "Fail" },
  { id: "latency", label: "Latency" },
  { id: "error-rate", label: "Error rate" },
] as const;
const STOPS = [
  { id: "breaker-open", label: "The breaker opens", needsCircuit: true },
  { id: "alarm", label: "The breaker-open alarm goes ALARM", needsCircuit: true },
  { id: "error-rate", label: "The error rate goes above", needsCircuit: false },
  { id: "none", label: "Nothing: run the full time", needsCircuit: false },
] as const;
const OUTCOME_WORDS: Record<string, string> = {
  completed: "Completed",
  "stopped-early": "Stopped early",
  cancelled: "Stopped",
  "reverted-on-restart": "Reverted after a console restart",
};

const hasCircuit = (service: string) => service === SERVICES.inventoryV2 || (BREAKER_SERVICES as readonly string[]).includes(service);
const experimentTitle = (e: Experiment) =>
  `${e.request.mode === "latency" ? `latency ${e.request.latencyMs} ms` : e.request.mode === "error-rate" ? `error-rate ${e.request.errorRate}%` : "fail"} on ${e.request.service}`;

/** A fault for N seconds that reverts by itself, sooner if the stop condition is met. */
export function ExperimentPanel({ experiment, now }: { experiment?: Experiment; now: number }) {
  const [state, dispatch, pending] = useActionState(startExperimentAction, IDLE);
  const [stopState, stop, stopping] = useActionState(stopExperimentAction, IDLE);
  const [service, setService] = useState<string>(SERVICES.user);
  const [mode, setMode] = useState<string>("fail");
  const [stopOn, setStopOn] = useState<string>("breaker-open");
  const refresh = useRefreshResilience();
  useEffect(() => {
    if (state.status === "done" || stopState.status === "done") refresh();
  }, [state, stopState, refresh]);
  const errors = state.status === "invalid" ? state.errors : {};
  const values = state.status === "invalid" || state.status === "failed" ? (state.values ?? {}) : {};
  const active = experiment && (experiment.state === "running" || experiment.state === "reverting") ? experiment : undefined;
  const circuit = hasCircuit(service);
  useEffect(() => {
    if (!circuit && (stopOn === "breaker-open" || stopOn === "alarm")) setStopOn("error-rate");
  }, [circuit, stopOn]);

  if (active) {
    const left = Math.max(0, active.endsAt - now);
    const total = active.endsAt - active.startedAt;
    return (
      <div className={styles.progress} data-state={active.state} data-testid="experiment-progress">
        <div className={styles.progressHead}>
          <div>
            <strong>{experimentTitle(active)}</strong>
            <p className="muted" style={{ fontSize: "0.85rem" }}>
              Stops when: {STOPS.find((s) => s.id === active.request.stop)?.label.toLowerCase()}
              {active.request.stop === "error-rate" ? ` ${active.request.stopErrorPercent}%` : ""}
            </p>
          </div>
          <span className={styles.bigCountdown}>
            {active.state === "reverting" ? "reverting…" : countdown(left)}
            <span className="visually-hidden"> left</span>
          </span>
        </div>
        <div className={styles.meter} data-tone="warn" aria-hidden="true">
          <div className={styles.meterFill} style={{ width: `${Math.round(100 * (1 - left / total))}%` }} />
        </div>
        {active.lastError && <p className="error">{active.lastError}</p>}
        <div className={styles.formActions}>
          <button type="button" className="button" onClick={() => startTransition(() => stop(new FormData()))} disabled={stopping}>
            <Icon name="stop" size={15} />
            Stop and recover now
          </button>
          <FormMessage state={stopState} />
        </div>
        <p className="muted" style={{ fontSize: "0.8rem" }}>
          The fault record also expires by itself at the end, so it ends even if the console stops.
        </p>
      </div>
    );
  }

  return (
    <div className={styles.bench}>
      {experiment && (experiment.state === "done" || experiment.state === "failed") && (
        <div className={styles.progress} data-state={experiment.state} data-testid="experiment-result">
          <div className={styles.progressHead}>
            <strong>
              {experiment.state === "failed" ? "Failed" : (OUTCOME_WORDS[experiment.outcome ?? "completed"] ?? "Done")}: {experimentTitle(experiment)}
            </strong>
            {experiment.revertedAt && (
              <span className="muted" style={{ fontSize: "0.85rem" }}>
                recovered <RelativeTime at={experiment.revertedAt} now={now} />
              </span>
            )}
          </div>
          {experiment.reason && <p style={{ fontSize: "0.88rem" }}>{experiment.reason}</p>}
          <ul className={styles.log}>
            {experiment.log.slice(-4).map((l) => (
              <li key={`${l.at}-${l.message}`}>
                <RelativeTime at={l.at} now={now} /> · {l.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <form className={styles.form} action={(form) => startTransition(() => dispatch(form))} noValidate aria-label="Start a timed experiment">
        <div className={styles.row}>
          <div className="field">
            <label htmlFor="exp-service">Service</label>
            <select id="exp-service" name="service" className="input" value={service} onChange={(e) => setService(e.target.value)}>
              {Object.values(SERVICES).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <FieldError id="exp-service-error" error={errors.service} />
          </div>
          <div className="field">
            <label htmlFor="exp-mode">Fault</label>
            <select id="exp-mode" name="mode" className="input" value={mode} onChange={(e) => setMode(e.target.value)}>
              {MODES.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          {mode === "latency" && (
            <NumberField id="exp-latency" name="latencyMs" label="Delay (ms)" defaultValue={values.latencyMs ?? "2500"} error={errors.latencyMs} />
          )}
          {mode === "error-rate" && (
            <NumberField id="exp-rate" name="errorRate" label="Error rate (%)" decimal defaultValue={values.errorRate ?? "50"} error={errors.errorRate} />
          )}
          <NumberField id="exp-duration" name="durationSeconds" label="Duration (s)" defaultValue={values.durationSeconds ?? "30"} error={errors.durationSeconds} />
        </div>
        <fieldset className={styles.commands} aria-describedby={errors.stop ? "exp-stop-error" : undefined}>
          <legend className={styles.legend}>Stop early when</legend>
          {STOPS.map((s) => (
            <label key={s.id} className={styles.command}>
              <input type="radio" name="stop" value={s.id} checked={stopOn === s.id} onChange={() => setStopOn(s.id)} disabled={s.needsCircuit && !circuit} />
              <span className={styles.commandLabel} style={s.needsCircuit && !circuit ? { opacity: 0.5 } : undefined}>
                {s.label}
              </span>
            </label>
          ))}
        </fieldset>
        <FieldError id="exp-stop-error" error={errors.stop} />
        {!circuit && <p className="hint">{service} has no circuit breaker in front of it, so only its error rate can stop the experiment.</p>}
        {stopOn === "error-rate" && (
          <NumberField id="exp-stop-percent" name="stopErrorPercent" label="Error rate above (%)" decimal defaultValue={values.stopErrorPercent ?? "50"} error={errors.stopErrorPercent} />
        )}
        <div className={styles.formActions}>
          <button type="submit" className="button" data-variant="primary" disabled={pending}>
            <Icon name="clock" size={16} />
            {pending ? "Starting…" : "Start experiment"}
          </button>
          <FormMessage state={state} />
        </div>
      </form>
    </div>
  );
}
