"use client";

import Link from "next/link";
import { useActionState, useEffect, useId } from "react";
import { type StepActionState, stepAction } from "@/app/exercises/actions";
import { AlarmForm } from "@/components/observability/alarm-form";
import { Icon } from "@/components/ui/icons";
import type { StepAction } from "@/lib/data/exercises";
import styles from "./exercises.module.css";

const IDLE: StepActionState = { status: "idle" };

/** Submit buttons per action: `[label, extra hidden command]`. */
const BUTTONS: Partial<Record<StepAction, [string, string?][]>> = {
  "send-order": [["Send POST /orders"]],
  "send-orders": [["Send 5 orders"]],
  "trip-breaker": [["Send 7 orders"]],
  "fallback-order": [["Place an order"]],
  "publish-created": [["Publish order_created"]],
  "publish-shipped": [["Publish order_shipped"]],
  "publish-poison": [["Send a poison message"]],
  "health-check": [["Run the health checker"]],
  "fault-user": [["Fail user-service", "fail"], ["Recover user-service", "recover"]],
  "force-breaker": [["Force OPEN", "force_open"], ["Force CLOSED", "force_close"]],
};

/** The thing the learner does for a step, right in the page. */
export function StepActionForm({ step, action, onDone, variant }: { step: string; action: StepAction; onDone: () => void; variant?: string }) {
  const [state, formAction, pending] = useActionState(stepAction, IDLE);
  const uid = useId();
  const at = state.status === "idle" ? 0 : state.at;
  useEffect(() => {
    if (at) onDone();
  }, [at, onDone]);

  if (action === "deploy" || action === "list-mesh") {
    return (
      <p className={styles.actionNote}>
        {action === "deploy" ? (
          <>
            Deploy from <Link href="/">Overview</Link>: it runs the same stacks and shows each resource as it is created.
          </>
        ) : (
          <>Nothing to change here: the check lists the {variant === "connect" ? "Cloud Map namespace and its services" : "mesh and its virtual services"} for you.</>
        )}
      </p>
    );
  }
  if (action === "create-alarm") return <AlarmForm />;

  return (
    <form action={formAction} className={styles.actionForm} aria-describedby={`${uid}-result`}>
      <input type="hidden" name="step" value={step} />
      <input type="hidden" name="action" value={action} />
      {action === "canary" && (
        <div className={styles.weights}>
          <label>
            Inventory v1 weight
            <input name="v1" type="number" min={0} max={100} defaultValue={50} className="input" required />
          </label>
          <label>
            v2 (canary) weight
            <input name="v2" type="number" min={0} max={100} defaultValue={50} className="input" required />
          </label>
          <button type="submit" className="button" data-variant="primary" disabled={pending}>
            <Icon name="arrowRight" size={15} />
            {pending ? "Updating…" : "Update the route"}
          </button>
        </div>
      )}
      {(BUTTONS[action] ?? []).map(([label, command]) => (
        <button key={label} type="submit" name="command" value={command ?? ""} className="button" data-variant={command === "recover" || command === "force_close" ? undefined : "primary"} disabled={pending}>
          <Icon name="arrowRight" size={15} />
          {pending ? "Working…" : label}
        </button>
      ))}
      <p id={`${uid}-result`} className={styles.actionResult} role="status" data-tone={state.status === "failed" ? "danger" : undefined} data-testid={`action-result-${step}`}>
        {state.status === "done" && <>Done: {state.message}</>}
        {state.status === "failed" && <>Failed: {state.message}</>}
      </p>
    </form>
  );
}
