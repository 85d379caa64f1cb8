"use client";

import { Icon } from "@/components/ui/icons";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { formatDuration } from "@/lib/data/stack-timeline";
import { type Job, jobCount, type Leftover } from "@/lib/lab/progress";
import { explainDeleteFailure } from "@/lib/lab/stack-events";
import { CleanupDialog } from "./cleanup-dialog";
import styles from "./overview.module.css";

const VERB: Record<Job["kind"], string> = { deploy: "Deploying", cleanup: "Cleaning up", leftovers: "Removing leftovers" };

/** "Deploying 12/47" with a bar, the latest step, the elapsed time and Cancel. */
export function JobProgress({ job, onCancel, cancelling }: { job: Job; onCancel: () => void; cancelling: boolean }) {
  const now = useNow(1_000);
  const { done, total } = jobCount(job);
  const percent = total ? Math.round((done / total) * 100) : 0;
  const step = job.steps.at(-1);
  const active = job.stacks.find((s) => s.status?.endsWith("_IN_PROGRESS"));
  const heading = `${VERB[job.kind]} ${total ? `${done}/${total}` : "…"}`;
  return (
    <div className={styles.progress} data-testid="job-progress">
      <div className={styles.progressHead}>
        <p className={styles.progressTitle}>
          {heading}
          {total > 0 && <span className={styles.progressUnit}> resources</span>}
        </p>
        <span className={styles.elapsed}>{now === undefined ? "" : formatDuration(now - Date.parse(job.startedAt))}</span>
        <button type="button" className="button" data-size="small" onClick={onCancel} disabled={cancelling}>
          <Icon name="stop" size={14} />
          {cancelling ? "Stopping…" : "Cancel"}
        </button>
      </div>
      <div
        className={styles.bar}
        role="progressbar"
        aria-label={`${VERB[job.kind]}: resources done`}
        aria-valuemin={0}
        aria-valuemax={total || 1}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${total} resources`}
      >
        <span style={{ width: `${percent}%` }} />
      </div>
      <p className={styles.progressStep}>
        {active ? (
          <>
            <code>{active.name}</code> {active.status}
          </>
        ) : (
          (step?.message ?? "Starting…")
        )}
        <span className={styles.where}> · {job.where}</span>
      </p>
    </div>
  );
}

function Timings({ job }: { job: Job }) {
  if (!job.timings.length) return null;
  return (
    <ul className={styles.timings} aria-label="Timings">
      {job.timings.map((t) => (
        <li key={t.label}>
          <span>{t.label}</span> <strong>{formatDuration(t.ms)}</strong>
        </li>
      ))}
    </ul>
  );
}

/** Nothing remains, or the list of leftovers with a way to remove them. */
export function LeftoversReport({
  leftovers,
  where,
  typeAccountId,
  accountId,
  onStarted,
}: {
  leftovers: Leftover[];
  where: string;
  typeAccountId: boolean;
  accountId?: string;
  onStarted: () => void;
}) {
  if (!leftovers.length) {
    return (
      <p className={styles.nothingRemains} data-testid="nothing-remains">
        <Icon name="check" size={18} />
        Nothing remains: no <code>cross-service-lab-*</code> stack and no resource tagged <code>lab=cross-service-lab</code>.
      </p>
    );
  }
  return (
    <div className={styles.leftovers} data-testid="leftovers">
      <p className={styles.leftoversTitle}>
        <Icon name="alert" size={18} />
        {leftovers.length} thing{leftovers.length === 1 ? "" : "s"} remain{leftovers.length === 1 ? "s" : ""} after cleanup. They may keep costing money on AWS.
      </p>
      <ul className={styles.leftoverList}>
        {leftovers.map((l) => (
          <li key={l.arn}>
            <span className={styles.leftoverType}>{l.type}</span> <code>{l.name}</code>
            {l.status && <span className={styles.leftoverStatus}> {l.status}</span>}
            {l.removable === false && <span className={styles.leftoverStatus}> The console cannot remove this kind of resource: delete it by hand.</span>}
            <span className={styles.arn}>{l.arn}</span>
          </li>
        ))}
      </ul>
      <CleanupDialog
        mode="leftovers"
        where={where}
        items={leftovers.map((l) => l.name)}
        note="Stacks are deleted through CloudFormation; the other resources one by one. Then the check runs again."
        typeAccountId={typeAccountId}
        accountId={accountId}
        onStarted={onStarted}
      />
    </div>
  );
}

/** What a finished job left to know: timings, the root cause of a failure, what remains. */
export function JobResult({
  job,
  typeAccountId,
  accountId,
  onStarted,
  onDismiss,
}: {
  job: Job;
  typeAccountId: boolean;
  accountId?: string;
  onStarted: () => void;
  onDismiss: () => void;
}) {
  const finished = job.finishedAt && (
    <span className={styles.finishedAt}>
      finished <RelativeTime iso={job.finishedAt} />
    </span>
  );
  const dismiss = (
    <button type="button" className="button" data-variant="ghost" data-size="small" onClick={onDismiss} aria-label="Dismiss this report">
      <Icon name="cross" size={14} />
      Dismiss
    </button>
  );
  const failure = job.failure;

  if (job.state === "cancelled" || job.state === "interrupted") {
    return (
      <div className={styles.report} data-tone="warn" role="status">
        <div className={styles.reportHead}>
          <p className={styles.reportTitle}>
            <Icon name="alert" size={18} />
            {job.kind === "deploy" ? "Deploy" : "Cleanup"} {job.state === "cancelled" ? "cancelled" : "interrupted: the console stopped while it ran"}
          </p>
          {finished}
          {dismiss}
        </div>
        <p>Nothing new was started after that. CloudFormation finishes, or rolls back, the stack that was under way by itself; the stack list shows where each one is.</p>
      </div>
    );
  }

  if (job.state === "failed") {
    const cause = failure?.rootCause;
    const deleteFailures = failure?.failures ?? [];
    const stack = failure?.stack ? job.stacks.find((s) => s.name === failure.stack) : undefined;
    return (
      <div className={styles.report} data-tone="danger" role="alert" data-testid="job-failure">
        <div className={styles.reportHead}>
          <p className={styles.reportTitle}>
            <Icon name="cross" size={18} />
            {job.kind === "deploy" ? "Deploy" : job.kind === "cleanup" ? "Cleanup" : "Removing leftovers"} failed{failure?.stack ? ` at ${failure.stack}` : ""}
          </p>
          {finished}
          {dismiss}
        </div>
        {cause && (
          <div className={styles.rootCause}>
            <p className={styles.failureLabel}>Root cause: the first resource that failed</p>
            <p>
              <code>{cause.logicalId}</code> <span className={styles.resourceType}>{cause.type}</span> <strong>{cause.status}</strong>
            </p>
            <p className={styles.reasonText} data-testid="root-cause-reason">
              {cause.reason ?? "CloudFormation gave no reason."}
            </p>
          </div>
        )}
        {deleteFailures.map((f) => (
          <div key={f.id} className={styles.rootCause}>
            <p>
              <code>{f.logicalId}</code> <span className={styles.resourceType}>{f.type}</span> <strong>{f.status}</strong>
            </p>
            <p className={styles.reasonText}>{f.reason ?? "CloudFormation gave no reason."}</p>
            {explainDeleteFailure(f.reason) && <p data-testid="delete-failure-advice">{explainDeleteFailure(f.reason)}</p>}
          </div>
        ))}
        {!cause && !deleteFailures.length && failure && <p className={styles.reasonText}>{failure.message}</p>}
        {job.kind === "deploy" && cause && (
          <p>
            CloudFormation rolled <code>{failure?.stack}</code> back{stack?.status ? ` (${stack.status})` : ""}: what it had created is deleted again. Fix the cause, then deploy again; the next deploy
            replaces the rolled-back stack.
          </p>
        )}
        {job.kind === "cleanup" && (deleteFailures.length > 0 || failure?.stack) && (
          <>
            {deleteFailures.length > 0 ? (
              <p>
                The stack is <strong>DELETE_FAILED</strong>: CloudFormation kept the resources above and stopped. Retry once the cause is gone (a bucket that was filled again, a
                resource in use). If a resource cannot be deleted, retry while keeping it: the stack goes, the resource stays tagged and shows up in the leftover check.
              </p>
            ) : (
              <p>
                The stack is <strong>DELETE_FAILED</strong> for the reason above, before any of its resources failed: usually something outside the lab still depends on it,
                such as another stack that imports one of its exports. Remove that dependency, then retry.
              </p>
            )}
            <div className={styles.reportActions}>
              <CleanupDialog
                mode="cleanup"
                where={job.where}
                items={job.stacks.filter((s) => s.status !== "DELETE_COMPLETE").map((s) => s.name)}
                note="Buckets and image repositories are emptied again first."
                typeAccountId={typeAccountId}
                accountId={accountId}
                onStarted={onStarted}
                variant="primary"
              />
              {deleteFailures.length > 0 && (
              <CleanupDialog
                mode="retain"
                where={job.where}
                items={job.stacks.filter((s) => s.status !== "DELETE_COMPLETE").map((s) => s.name)}
                note={`Kept, then listed as leftovers: ${deleteFailures.map((f) => f.logicalId).join(", ")}.`}
                typeAccountId={typeAccountId}
                accountId={accountId}
                onStarted={onStarted}
              />
              )}
            </div>
          </>
        )}
        <Timings job={job} />
        {job.leftovers && <LeftoversReport leftovers={job.leftovers} where={job.where} typeAccountId={typeAccountId} accountId={accountId} onStarted={onStarted} />}
      </div>
    );
  }

  // Succeeded.
  return (
    <div className={styles.report} data-tone="ok" role="status" data-testid="job-success">
      <div className={styles.reportHead}>
        <p className={styles.reportTitle}>
          <Icon name="check" size={18} />
          {job.kind === "deploy" ? "Deployed" : job.kind === "cleanup" ? "Cleaned up" : "Leftovers removed"}
          <span className={styles.where}> · {job.where}</span>
        </p>
        {finished}
        {dismiss}
      </div>
      <Timings job={job} />
      {job.targets && job.targets.unhealthy.length > 0 && (
        <div className={styles.rootCause}>
          <p className={styles.failureLabel}>
            {job.targets.healthy}/{job.targets.total} target groups healthy when the wait ended
          </p>
          <ul className={styles.unhealthy}>
            {job.targets.unhealthy.map((u) => (
              <li key={u}>{u}</li>
            ))}
          </ul>
        </div>
      )}
      {job.leftovers && <LeftoversReport leftovers={job.leftovers} where={job.where} typeAccountId={typeAccountId} accountId={accountId} onStarted={onStarted} />}
    </div>
  );
}
