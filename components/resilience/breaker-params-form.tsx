"use client";

import { startTransition, useActionState } from "react";
import { type FormState, saveBreakerParamsAction } from "@/app/resilience/actions";
import type { BreakerParams } from "@/lib/lab/breaker-params";
import { FieldError, FormMessage } from "./form-message";
import styles from "./resilience.module.css";

const IDLE: FormState = { status: "idle" };
const FIELDS: { name: keyof BreakerParams; label: string; unit: string; hint: string }[] = [
  { name: "failureThreshold", label: "Failure threshold", unit: "failures", hint: "Failures within the window that open the breaker." },
  { name: "windowSeconds", label: "Window", unit: "s", hint: "How long failures are counted, from the first one." },
  { name: "openSeconds", label: "Open time", unit: "s", hint: "How long OPEN lasts before probes may pass (HALF_OPEN)." },
  { name: "successThreshold", label: "Success threshold", unit: "probes", hint: "Successful probes in HALF_OPEN that close it." },
];

export function BreakerParamsForm({ saved }: { saved: BreakerParams }) {
  const [state, dispatch, pending] = useActionState(saveBreakerParamsAction, IDLE);
  const errors = state.status === "invalid" ? state.errors : {};
  const values = state.status === "invalid" || state.status === "failed" ? (state.values ?? {}) : {};
  return (
    <form className={styles.form} action={(form) => startTransition(() => dispatch(form))} noValidate aria-label="Breaker parameters">
      <div className={styles.paramsGrid}>
        {FIELDS.map((f) => {
          const id = `breaker-${f.name}`;
          const error = errors[f.name];
          return (
            <div className="field" key={f.name}>
              <label htmlFor={id}>
                {f.label} ({f.unit})
              </label>
              <input
                id={id}
                name={f.name}
                className="input"
                inputMode="numeric"
                defaultValue={values[f.name] ?? String(saved[f.name])}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-error` : `${id}-hint`}
              />
              <FieldError id={`${id}-error`} error={error} />
              {!error && (
                <p className="hint" id={`${id}-hint`}>
                  {f.hint}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className={styles.formActions}>
        <button type="submit" name="apply" value="deploy" className="button" data-variant="primary" disabled={pending}>
          Save for the next deploy
        </button>
        <button type="submit" name="apply" value="now" className="button" disabled={pending}>
          Save and reset the running breakers
        </button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
