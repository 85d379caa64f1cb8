"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useId } from "react";
import { type AlarmFormState, createAlarm } from "@/app/observability/actions";
import { Panel } from "@/components/ui/panel";
import {
  ALARM_COMPARISONS,
  ALARM_FIELDS,
  ALARM_METRICS,
  ALARM_PERIODS,
  ALARM_STATISTICS,
  type AlarmField,
  type AlarmFormValues,
  MAX_EVALUATION_PERIODS,
} from "@/lib/validations/observability";
import { Glyph } from "./glyphs";
import styles from "./observability.module.css";

const IDLE: AlarmFormState = { status: "idle" };

const DEFAULTS: AlarmFormValues = {
  name: "",
  metric: "CrossServiceLab/Errors/Service=order-service",
  statistic: "Sum",
  threshold: "5",
  comparison: "GreaterThanOrEqualToThreshold",
  period: "10",
  evaluationPeriods: "1",
  notify: true,
};

const GROUPS = [...new Set(ALARM_METRICS.map((m) => m.group))];

function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="error">
      {message}
    </p>
  );
}

/** Exercise 4, step 4: an alarm on one of the lab's metrics that notifies lab-alarms. */
export function AlarmForm() {
  const [state, action, pending] = useActionState(createAlarm, IDLE);
  const queryClient = useQueryClient();
  const uid = useId();
  const id = (f: AlarmField) => `${uid}-${f}`;
  const errors: Partial<Record<AlarmField, string>> = state.status === "invalid" ? state.errors : {};
  // After a success the form starts over with the same settings and an empty name.
  const values: AlarmFormValues = state.status === "idle" ? DEFAULTS : state.status === "created" ? { ...state.values, name: "" } : state.values;
  const createdAt = state.status === "created" ? state.at : undefined;
  useEffect(() => {
    if (createdAt) queryClient.invalidateQueries({ queryKey: ["observability", "alarms"] });
  }, [createdAt, queryClient]);
  // React resets a form after its action, and a <select> goes back to the option it was first
  // rendered with; a fresh form per answer starts from what was submitted instead.
  const version = state.status === "idle" ? 0 : state.at;
  const firstError = ALARM_FIELDS.find((f) => errors[f]);
  useEffect(() => {
    if (version && firstError) document.getElementById(`${uid}-${firstError}`)?.focus();
  }, [version, firstError, uid]);

  const describedBy = (f: AlarmField, hint?: boolean) => [errors[f] ? `${id(f)}-error` : "", hint ? `${id(f)}-hint` : ""].filter(Boolean).join(" ") || undefined;
  const invalid = (f: AlarmField) => (errors[f] ? true : undefined);

  return (
    <Panel title="Create a custom alarm" description="Watch one of the lab's metrics and hear about it on lab-alarms: an alarm turns a number you would have to watch into a message that finds you.">
      <form key={version} action={action} className={styles.alarmForm} noValidate aria-label="Create a custom alarm">
        <div className="field">
          <label htmlFor={id("name")}>Alarm name</label>
          <input
            id={id("name")}
            name="name"
            className="input"
            autoComplete="off"
            spellCheck={false}
            placeholder="order-service-errors"
            defaultValue={values.name}
            aria-invalid={invalid("name")}
            aria-describedby={describedBy("name")}
          />
          <FieldError id={`${id("name")}-error`} message={errors.name} />
        </div>

        <div className="field">
          <label htmlFor={id("metric")}>Metric</label>
          <select id={id("metric")} name="metric" className="input" defaultValue={values.metric} aria-invalid={invalid("metric")} aria-describedby={describedBy("metric")}>
            {GROUPS.map((g) => (
              <optgroup key={g} label={g}>
                {ALARM_METRICS.filter((m) => m.group === g).map((m) => (
                  <option key={m.key} value={m.key}>
                    {m.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <FieldError id={`${id("metric")}-error`} message={errors.metric} />
        </div>

        <div className={styles.formRow}>
          <div className="field">
            <label htmlFor={id("statistic")}>Statistic</label>
            <select id={id("statistic")} name="statistic" className="input" defaultValue={values.statistic} aria-invalid={invalid("statistic")} aria-describedby={describedBy("statistic")}>
              {ALARM_STATISTICS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <FieldError id={`${id("statistic")}-error`} message={errors.statistic} />
          </div>
          <div className="field">
            <label htmlFor={id("comparison")}>Comparison</label>
            <select id={id("comparison")} name="comparison" className="input" defaultValue={values.comparison} aria-invalid={invalid("comparison")} aria-describedby={describedBy("comparison")}>
              {ALARM_COMPARISONS.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
            <FieldError id={`${id("comparison")}-error`} message={errors.comparison} />
          </div>
          <div className="field">
            <label htmlFor={id("threshold")}>Threshold</label>
            <input
              id={id("threshold")}
              name="threshold"
              className="input"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={values.threshold}
              aria-invalid={invalid("threshold")}
              aria-describedby={describedBy("threshold")}
            />
            <FieldError id={`${id("threshold")}-error`} message={errors.threshold} />
          </div>
        </div>

        <div className={styles.formRow}>
          <fieldset className={styles.periods} aria-describedby={describedBy("period")}>
            <legend>Period</legend>
            <div className={styles.periodChoices}>
              {ALARM_PERIODS.map((p, i) => (
                <label key={p} className={styles.periodChoice}>
                  <input id={i === 0 ? id("period") : undefined} type="radio" name="period" value={p} defaultChecked={values.period === String(p)} />
                  {p} s
                </label>
              ))}
            </div>
            <FieldError id={`${id("period")}-error`} message={errors.period} />
          </fieldset>
          <div className="field">
            <label htmlFor={id("evaluationPeriods")}>Evaluation periods</label>
            <input
              id={id("evaluationPeriods")}
              name="evaluationPeriods"
              className="input"
              type="number"
              min={1}
              max={MAX_EVALUATION_PERIODS}
              step={1}
              defaultValue={values.evaluationPeriods}
              aria-invalid={invalid("evaluationPeriods")}
              aria-describedby={describedBy("evaluationPeriods", true)}
            />
            <FieldError id={`${id("evaluationPeriods")}-error`} message={errors.evaluationPeriods} />
            <p id={`${id("evaluationPeriods")}-hint`} className="hint">
              How many periods in a row must breach.
            </p>
          </div>
        </div>

        <div className="field">
          <label className={styles.checkbox}>
            <input id={id("notify")} type="checkbox" name="notify" defaultChecked={values.notify} aria-invalid={invalid("notify")} aria-describedby={describedBy("notify")} />
            Notify the lab-alarms topic on ALARM and on OK
          </label>
          <FieldError id={`${id("notify")}-error`} message={errors.notify} />
        </div>

        <div className={styles.formActions}>
          <button type="submit" className="button" data-variant="primary" disabled={pending}>
            {pending ? "Creating…" : "Create alarm"}
          </button>
          <p role="status" className={styles.formStatus} data-status={state.status}>
            {state.status === "created" && (
              <>
                <Glyph name="check" size={16} /> Created {state.name}
                {state.notified ? "; it notifies lab-alarms." : "."}
              </>
            )}
            {state.status === "invalid" && "Fix the highlighted field and create again."}
            {state.status === "failed" && state.message}
          </p>
        </div>
      </form>
    </Panel>
  );
}
