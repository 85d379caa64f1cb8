"use client";

import { useActionState, useEffect } from "react";
import { type LabActionState, startDeploy } from "@/app/actions/lab";
import { Icon } from "@/components/ui/icons";
import type { MeshVariant } from "@/lib/lab/contract";
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

/** Choose the mesh variant and deploy; App Mesh is offered only where the target can still create it. */
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
  const chosen = current ?? (appMesh ? "appmesh" : "connect");

  return (
    <form action={action} className={styles.deployForm}>
      <fieldset className={styles.variants}>
        <legend className={styles.legend}>Mesh variant</legend>
        {VARIANTS.map((v) => {
          const disabled = v.variant === "appmesh" && !appMesh;
          return (
            <label key={v.variant} className={styles.variant} data-disabled={disabled || undefined}>
              <input type="radio" name="variant" value={v.variant} defaultChecked={v.variant === chosen} disabled={disabled} className={styles.radio} aria-describedby={`variant-${v.variant}`} />
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
