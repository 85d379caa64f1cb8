import { STACKS } from "@/lib/lab/contract";
import { isInProgress } from "@/lib/lab/stack-events";
import type { StackProgress } from "@/lib/lab/progress";
import type { StackStatusRow } from "@/lib/lab/status";
import styles from "./overview.module.css";
import { StatusBadge } from "./status-badge";

const VARIANT_NOTE: Record<string, string> = {
  [STACKS.servicesAppMesh]: "App Mesh variant, runs locally only",
  [STACKS.servicesConnect]: "ECS Service Connect variant",
};

/**
 * The lab's stacks in deploy order with their live status and, during a job, resources done.
 * Before either services stack exists, both variants share the last slot.
 */
export function StackList({ rows, progress, unknown }: { rows: StackStatusRow[]; progress?: StackProgress[]; unknown?: boolean }) {
  const bothVariants = rows.filter((r) => r.name in VARIANT_NOTE);
  const slots: StackStatusRow[][] = rows.filter((r) => !(r.name in VARIANT_NOTE)).map((r) => [r]);
  if (bothVariants.length === 2 && bothVariants.every((r) => !r.status)) slots.push(bothVariants);
  else for (const r of bothVariants) slots.push([r]);
  return (
    <ol className={styles.stacks} aria-label="Lab stacks in deploy order">
      {slots.map((slot, index) => {
        const row = slot[0];
        // The job's view of a stack counts only while the stack exists or is being worked on.
        const found = progress?.find((s) => slot.some((r) => r.name === s.name));
        const p = found && (row.status || isInProgress(found.status)) ? found : undefined;
        return (
          <li key={row.name} className={styles.stack} data-testid={slot.length === 1 ? `stack-${row.name}` : "stack-services"}>
            <span className={styles.order}>{index + 1}</span>
            <span className={styles.stackText}>
              {slot.map((r) => (
                <span key={r.name} className={styles.stackText}>
                  <code className={styles.stackName}>{r.name}</code>
                  {slot.length > 1 && <span className={styles.stackCount}>{VARIANT_NOTE[r.name]}</span>}
                </span>
              ))}
              {p && p.total > 0 && (
                <span className={styles.stackCount}>
                  {p.done}/{p.total} resources
                </span>
              )}
              {row.reason && /FAILED|ROLLBACK/.test(row.status ?? "") && <span className={styles.stackReason}>{row.reason}</span>}
            </span>
            <StatusBadge status={row.status ?? p?.status} empty={unknown ? "Unknown" : "Not deployed"} />
          </li>
        );
      })}
    </ol>
  );
}
