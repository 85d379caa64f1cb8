"use client";

import { useQueryClient } from "@tanstack/react-query";
import { startTransition, useActionState, useEffect, useId } from "react";
import { cancelRedriveAction, type QueueActionState, startRedriveAction } from "@/app/messaging/actions";
import { RelativeTime } from "@/components/charts/relative-time";
import type { MoveTaskView } from "@/lib/data/messaging";
import { MESSAGING_KEYS } from "./messaging-query";
import styles from "./messaging.module.css";
import { Verdict } from "./verdict";

const IDLE: QueueActionState = { status: "idle" };
/** How long a finished redrive stays on show. */
const SHOW_FINISHED_MS = 2 * 60_000;

function submitWith(dispatch: (form: FormData) => void) {
  return (e: React.FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    startTransition(() => dispatch(form));
  };
}

function Progress({ task, source }: { task: MoveTaskView; source: string }) {
  const total = Math.max(task.toMove, task.moved);
  const where = task.destination ?? source;
  if (task.status === "RUNNING" || task.status === "CANCELLING") {
    return (
      <div className={styles.redriveProgress}>
        <label className={styles.progressLabel}>
          <span>
            {task.status === "CANCELLING" ? "Cancelling: " : "Redriving: "}moved {task.moved} of {total} to <code>{where}</code>
          </span>
          <progress value={task.moved} max={Math.max(total, 1)} />
        </label>
      </div>
    );
  }
  if (task.status === "COMPLETED") {
    return (
      <Verdict tone="ok" icon="yes">
        Redrive done: moved {task.moved} of {total} to <code>{where}</code> {task.startedAt && <RelativeTime at={task.startedAt} />}
      </Verdict>
    );
  }
  if (task.status === "CANCELLED") {
    return (
      <Verdict tone="neutral" icon="gone">
        Redrive cancelled after moving {task.moved} of {total}
      </Verdict>
    );
  }
  return (
    <Verdict tone="danger" icon="no">
      Redrive failed: {task.failureReason ?? "no reason given"}
    </Verdict>
  );
}

/**
 * StartMessageMoveTask from a dead-letter queue back to the queue its messages failed in, with
 * the task's progress (ListMessageMoveTasks, read with the queue depths) and a cancel button.
 */
export function RedriveControl({ dlq, source, waiting, task, now }: { dlq: string; source: string; waiting: number; task?: MoveTaskView; now: number }) {
  const [started, start, starting] = useActionState(startRedriveAction, IDLE);
  const [cancelled, cancel, cancelling] = useActionState(cancelRedriveAction, IDLE);
  const queryClient = useQueryClient();
  const speedId = useId();

  useEffect(() => {
    if (started.status === "done" || cancelled.status === "done") queryClient.invalidateQueries({ queryKey: MESSAGING_KEYS.queues });
  }, [started, cancelled, queryClient]);

  const running = task && (task.status === "RUNNING" || task.status === "CANCELLING");
  const recent = task && !running && task.startedAt !== undefined && now - task.startedAt < SHOW_FINISHED_MS;
  const failed = [started, cancelled].find((s) => s.status === "failed" || s.status === "invalid");

  return (
    <div className={styles.redrive} data-testid="redrive">
      {(running || recent) && task && <Progress task={task} source={source} />}
      {running && task?.taskHandle && task.status === "RUNNING" && (
        <form onSubmit={submitWith(cancel)}>
          <input type="hidden" name="dlq" value={dlq} />
          <input type="hidden" name="taskHandle" value={task.taskHandle} />
          <button type="submit" className="button" data-size="small" disabled={cancelling}>
            {cancelling ? "Cancelling…" : "Cancel redrive"}
          </button>
        </form>
      )}
      {!running && waiting > 0 && (
        <form onSubmit={submitWith(start)} className={styles.redriveForm}>
          <input type="hidden" name="dlq" value={dlq} />
          <button type="submit" className="button" data-size="small" data-variant="primary" disabled={starting}>
            {starting ? "Starting…" : `Redrive ${waiting} to ${source}`}
          </button>
          <label htmlFor={speedId} className={styles.speedLabel}>
            at
            <select id={speedId} name="speed" className={`input ${styles.speed}`} defaultValue="auto">
              <option value="auto">full speed</option>
              <option value="1">1 msg/s, to watch it</option>
            </select>
          </label>
        </form>
      )}
      {failed && (failed.status === "failed" || failed.status === "invalid") && (
        <p className="error" role="alert">
          {failed.message}
        </p>
      )}
    </div>
  );
}
