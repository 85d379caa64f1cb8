"use client";

import { useQueryClient } from "@tanstack/react-query";
import { startTransition, useActionState, useEffect, useState } from "react";
import { Icon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { RESET_PLAN } from "@/lib/lab/reset";
import { type ResetState, resetLabAction } from "./actions";
import styles from "./lab-tools.module.css";

const IDLE: ResetState = { status: "idle" };

/**
 * Back to a clean bench between exercises without redeploying. `confirmation` is what the target
 * asks for (Capabilities.confirmation): a tick locally, the account id typed on AWS.
 */
export function ResetPanel({ confirmation = "single", where, span = 1 }: { confirmation?: "single" | "type-account-id"; where?: string; span?: 1 | 2 }) {
  const [state, dispatch, pending] = useActionState(resetLabAction, IDLE);
  const [confirmed, setConfirmed] = useState(false);
  const [typed, setTyped] = useState("");
  const client = useQueryClient();
  useEffect(() => {
    if (state.status === "done") {
      setConfirmed(false);
      setTyped("");
      void client.invalidateQueries();
    }
  }, [state, client]);
  const ready = confirmation === "single" ? confirmed : typed.trim().length > 0;
  const invalid = state.status === "invalid" ? state.error : undefined;

  return (
    <Panel title="Reset between exercises" description="Start the next exercise from a clean bench, without redeploying." span={span}>
      <form className={styles.stack} action={(form) => startTransition(() => dispatch(form))} noValidate aria-label="Reset the lab">
        <ul className={styles.steps}>
          <li>
            <Icon name="undo" size={15} />
            <span>
              Clear the faults of {RESET_PLAN.services.length} services and stop this console's load and experiment
            </span>
          </li>
          <li>
            <Icon name="refresh" size={15} />
            <span>Reset the breakers of {RESET_PLAN.breakers.join(" and ")} to CLOSED</span>
          </li>
          <li>
            <Icon name="trash" size={15} />
            <span>Purge every message in {RESET_PLAN.queues.join(", ")}</span>
          </li>
          <li>
            <Icon name="undo" size={15} />
            <span>Restore the starting stock of {RESET_PLAN.products.join(" and ")}, which orders use up</span>
          </li>
        </ul>
        {confirmation === "single" ? (
          <label className={styles.confirm}>
            <input type="checkbox" name="confirmation" value="yes" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? "reset-error" : undefined} />
            <span>I understand the queued messages are deleted{where ? ` on ${where}` : ""}.</span>
          </label>
        ) : (
          <div className="field">
            <label htmlFor="reset-account">Type the account id to confirm{where ? ` (${where})` : ""}</label>
            <input id="reset-account" name="confirmation" className="input" autoComplete="off" value={typed} onChange={(e) => setTyped(e.target.value)} aria-invalid={invalid ? true : undefined} aria-describedby={invalid ? "reset-error" : undefined} />
          </div>
        )}
        {invalid && (
          <p className="error" id="reset-error">
            {invalid}
          </p>
        )}
        <div>
          <button type="submit" className="button" data-variant="danger" disabled={!ready || pending}>
            <Icon name="refresh" size={16} />
            {pending ? "Resetting…" : "Reset the lab"}
          </button>
        </div>
        <div aria-live="polite">
          {state.status === "failed" && <p className="error">{state.message}</p>}
          {state.status === "done" && (
            <ul className={styles.steps} data-testid="reset-result">
              {state.steps.map((s) => (
                <li key={s.id}>
                  <span data-ok={s.ok}>
                    <Icon name={s.ok ? "check" : "cross"} size={15} />
                  </span>
                  <span>
                    <strong>{s.label}</strong>
                    {s.ok ? "" : " failed"}: {s.detail}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </form>
    </Panel>
  );
}
