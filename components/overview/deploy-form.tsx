"use client";

import { useActionState, useEffect, useId, useState } from "react";
import { type LabActionState, startDeploy } from "@/app/actions/lab";
import { ProjectedCost } from "@/components/cost/projected-cost";
import { Icon } from "@/components/ui/icons";
import { DEFAULT_TTL_HOURS, MAX_TTL_HOURS, type MeshVariant } from "@/lib/lab/contract";
import styles from "./overview.module.css";

const VARIANTS: { variant: MeshVariant; title: string; body: string }[] = [
  {
    variant: "appmesh",
    title: "App Mesh",
    body: "The seed's mesh: virtual services, nodes and routers with Envoy, and a 90/10 canary route to inventory-service v2.",
  },
  {
    variant: "connect",
    title: "ECS Service Connect",
    body: "AWS's migration target from App Mesh: services find each other by client alias, with retries and timeouts, but no weighted routes.",
  },
];

const IDLE: LabActionState = { status: "idle" };

/**
 * Choose the mesh variant and the lab's TTL, see what it costs per hour, and deploy; App Mesh
 * is offered only where the target can still create it.
 */
export function DeployForm({
  appMesh,
  unavailableReason,
  current,
  label = "Deploy the lab",
  onStarted,
}: {
  appMesh: boolean;
  unavailableReason: string;
  current?: MeshVariant;
  label?: string;
  onStarted: () => void;
}) {
  const [state, action, pending] = useActionState(startDeploy, IDLE);
  const startedAt = state.status === "started" ? state.at : undefined;
  useEffect(() => {
    if (startedAt) onStarted();
  }, [startedAt, onStarted]);
  const initial = current ?? (appMesh ? "appmesh" : "connect");
  const [chosen, setChosen] = useState<MeshVariant>(initial);
  const ttlId = useId();

  return (
    <form action={action} className={styles.deployForm}>
      <fieldset className={styles.variants}>
        <legend className={styles.legend}>Mesh variant</legend>
        {VARIANTS.map((v) => {
          const disabled = v.variant === "appmesh" && !appMesh;
          return (
            <label key={v.variant} className={styles.variant} data-disabled={disabled || undefined}>
              <input
                type="radio"
                name="variant"
                value={v.variant}
                checked={v.variant === chosen}
                onChange={() => setChosen(v.variant)}
                disabled={disabled}
                className={styles.radio}
                aria-describedby={`variant-${v.variant}`}
              />
              <span className={styles.variantText}>
                <span className={styles.variantTitle}>{v.title}</span>
                <span id={`variant-${v.variant}`} className={styles.variantBody}>
                  {disabled ? `Not available here: ${unavailableReason}.` : v.body}
                </span>
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className={`field ${styles.ttlField}`}>
        <label htmlFor={ttlId}>Remove the lab after</label>
        <span className={styles.ttlInput}>
          <input
            id={ttlId}
            name="ttlHours"
            type="number"
            className="input"
            min={1}
            max={MAX_TTL_HOURS}
            step={1}
            defaultValue={DEFAULT_TTL_HOURS}
            required
            aria-describedby={`${ttlId}-hint`}
            aria-invalid={state.status === "invalid" && state.field === "ttlHours" ? true : undefined}
          />
          hours
        </span>
        <span id={`${ttlId}-hint`} className={styles.ttlHint}>
          A scheduled cleanup in the account deletes every lab stack then, in case you forget. Deploying again restarts the clock.
        </span>
      </div>
      <ProjectedCost variant={chosen} />
      <div className={styles.formActions}>
        <button type="submit" className="button" data-variant="primary" disabled={pending}>
          <Icon name="rocket" size={16} />
          {pending ? "Starting…" : label}
        </button>
        <p role="status" className={styles.formStatus} data-status={state.status}>
          {(state.status === "invalid" || state.status === "failed") && state.message}
        </p>
      </div>
    </form>
  );
}
