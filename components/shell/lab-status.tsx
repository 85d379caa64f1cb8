"use client";

import { useQuery } from "@tanstack/react-query";
import styles from "./shell.module.css";
import { fetchLabStatus, LAB_STATUS_QUERY_KEY } from "./lab-query";

/** "Not deployed", "Deploying 12/47", "Running", "Cleaning up", "Failed", live from the target. */
export function LabStatusPill() {
  const { data, error } = useQuery({
    queryKey: LAB_STATUS_QUERY_KEY,
    queryFn: fetchLabStatus,
    refetchInterval: (query) => query.state.data?.pollMs ?? 1_000,
  });
  const state = error ? "unknown" : (data?.state ?? "checking");
  const label = error ? "Status unknown" : (data?.label ?? "Checking…");
  const title = error ? error.message : data?.reason ? `Lab status unknown: ${data.reason}` : "Lab status on this target";
  // Screen readers hear the state when it changes, not every resource count.
  const announced = label.replace(/\s*\d+\/\d+$/, "");
  return (
    <>
      <span className={styles.pill} data-testid="lab-status" data-state={state} title={title}>
        <span className={styles.stateDot} aria-hidden="true" />
        {label}
      </span>
      <span className="visually-hidden" role="status">
        {state === "checking" ? "" : `Lab: ${announced}`}
      </span>
    </>
  );
}
