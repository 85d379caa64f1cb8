"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { type FormState, injectFaultAction } from "@/app/resilience/actions";
import { Icon } from "@/components/ui/icons";
import { countdown, type FaultView, faultLabel } from "@/lib/data/resilience";
import { SERVICES } from "@/lib/lab/contract";
import { FieldError, FormMessage, NumberField } from "./form-message";
import styles from "./resilience.module.css";
import { useRefreshResilience } from "./resilience-query";

const IDLE: FormState = { status: "idle" };
const SERVICE_NAMES = Object.values(SERVICES);
const COMMANDS = [
  { id: "fail", label: "Fail", hint: "Business routes and /health/ready answer 503; /health/live stays up, so ECS keeps the task." },
  { id: "latency", label: "Latency", hint: "Every request waits this long first; order-service gives up after 2 s and counts a failure." },
  { id: "error-rate", label: "Error rate", hint: "This share of requests answers 503, at random." },
  { id: "crash", label: "Crash", hint: "Each running task exits once; ECS starts a replacement. Not stored: the next task ignores it." },
  { id: "recover", label: "Recover", hint: "Back to normal within about a second." },
] as const;
type Command = (typeof COMMANDS)[number]["id"];

/** Fail, slow down, error, crash or recover any service, writing the same lab-faults record as the seed's script. */
export function FaultControls({ faults, now }: { faults: FaultView[]; now: number }) {
  const [state, dispatch, pending] = useActionState(injectFaultAction, IDLE);
  const [command, setCommand] = useState<Command>("fail");
  const [service, setService] = useState<string>(SERVICES.user);
  const refresh = useRefreshResilience();
  const errors = state.status === "invalid" ? state.errors : {};
  const values = state.status === "invalid" || state.status === "failed" ? (state.values ?? {}) : {};
  useEffect(() => {
    if (state.status === "done") refresh();
  }, [state, refresh]);

  const timed = command === "fail" || command === "latency" || command === "error-rate";
  const hint = COMMANDS.find((c) => c.id === command)?.hint;
  const verb = command === "recover" ? `Recover ${service}` : command === "crash" ? `Crash ${service}` : "Inject fault";

  const quick = (svc: string, cmd: "recover") => {
    const form = new FormData();
    form.set("service", svc);
    form.set("command", cmd);
    startTransition(() => dispatch(form));
  };

  return (
    <div className={styles.bench}>
      <div className="table-scroll">
        <table className={`data-table ${styles.faultTable}`} data-testid="fault-table">
          <caption className="visually-hidden">The fault in force per service, and when it ends</caption>
          <thead>
            <tr>
              <th scope="col">Service</th>
              <th scope="col">Fault</th>
              <th scope="col">Ends</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {faults.map((f) => {
              const active = f.mode !== "none";
              return (
                <tr key={f.service} data-service={f.service}>
                  <th scope="row">{f.service}</th>
                  <td>
                    <span className={styles.faultMode} data-active={active || undefined}>
                      <Icon name={active ? "alert" : "check"} size={14} />
                      {active ? faultLabel({ mode: f.mode as "fail", latencyMs: f.latencyMs, errorRate: f.errorRate }) : "none"}
                    </span>
                  </td>
                  <td className={styles.expiry}>
                    {!active ? "–" : f.expiresAt ? <span title={new Date(f.expiresAt).toLocaleString()}>in {countdown(f.expiresAt - now)}</span> : "on recover"}
                  </td>
                  <td>
                    {active && (
                      <button type="button" className="button" data-size="small" data-variant="ghost" disabled={pending} onClick={() => quick(f.service, "recover")} aria-label={`Recover ${f.service}`}>
                        <Icon name="undo" size={14} />
                        Recover
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <form
        className={styles.form}
        action={(form) => startTransition(() => dispatch(form))}
        noValidate
        aria-label="Inject a fault"
      >
        <div className={styles.row}>
          <div className="field">
            <label htmlFor="fault-service">Service</label>
            <select
              id="fault-service"
              name="service"
              className="input"
              value={service}
              onChange={(e) => setService(e.target.value)}
              aria-invalid={errors.service ? true : undefined}
              aria-describedby={errors.service ? "fault-service-error" : undefined}
            >
              {SERVICE_NAMES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
            <FieldError id="fault-service-error" error={errors.service} />
          </div>
        </div>
        <fieldset className={styles.commands} aria-describedby="fault-command-hint">
          <legend className={styles.legend}>What happens</legend>
          {COMMANDS.map((c) => (
            <label key={c.id} className={styles.command}>
              <input type="radio" name="command" value={c.id} checked={command === c.id} onChange={() => setCommand(c.id)} />
              <span className={styles.commandLabel}>{c.label}</span>
            </label>
          ))}
        </fieldset>
        <p className="hint" id="fault-command-hint" style={{ marginTop: -8, color: "var(--text-muted)", fontSize: "0.85rem" }}>
          {hint}
        </p>
        {(command === "latency" || command === "error-rate" || timed) && (
          <div className={styles.row}>
            {command === "latency" && (
              <NumberField id="fault-latency" name="latencyMs" label="Delay (ms)" defaultValue={values.latencyMs ?? "2500"} error={errors.latencyMs} />
            )}
            {command === "error-rate" && (
              <NumberField id="fault-error-rate" name="errorRate" label="Error rate (%)" decimal defaultValue={values.errorRate ?? "50"} error={errors.errorRate} />
            )}
            {timed && (
              <NumberField id="fault-duration" name="durationSeconds" label="Ends by itself after (s)" placeholder="until recovered" defaultValue={values.durationSeconds ?? ""} error={errors.durationSeconds} hint="Blank keeps it until you recover the service." />
            )}
          </div>
        )}
        {errors.command && <p className="error">{errors.command}</p>}
        <div className={styles.formActions}>
          <button type="submit" className="button" data-variant={command === "recover" ? undefined : "primary"} disabled={pending}>
            <Icon name={command === "recover" ? "undo" : "alert"} size={16} />
            {pending ? "Writing…" : verb}
          </button>
          <FormMessage state={state} />
        </div>
      </form>
    </div>
  );
}
