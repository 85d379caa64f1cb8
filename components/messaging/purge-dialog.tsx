"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { startTransition, useActionState, useEffect, useId, useRef } from "react";
import { purgeQueueAction, type QueueActionState } from "@/app/messaging/actions";
import { fetchTargetStatus, TARGET_POLL_MS, TARGET_QUERY_KEY } from "@/components/shell/target-query";
import { MESSAGING_KEYS, type MessagingTarget } from "./messaging-query";
import styles from "./messaging.module.css";

const IDLE: QueueActionState = { status: "idle" };

/**
 * "Purge…" and its confirmation, naming the queue, how many messages go and on which target.
 * Where the target asks for more (AWS), the learner types the account id.
 */
export function PurgeButton({ queue, messages, target, label = "Purge…" }: { queue: string; messages: number; target: MessagingTarget; label?: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, dispatch, pending] = useActionState(purgeQueueAction, IDLE);
  const queryClient = useQueryClient();
  const id = useId();
  const typed = target.confirmation === "type-account-id";
  const status = useQuery({ queryKey: TARGET_QUERY_KEY, queryFn: fetchTargetStatus, refetchInterval: TARGET_POLL_MS, enabled: typed });
  const account = status.data?.accountId;

  useEffect(() => {
    if (state.status !== "done") return;
    dialog.current?.close();
    queryClient.invalidateQueries({ queryKey: MESSAGING_KEYS.queues });
    queryClient.invalidateQueries({ queryKey: MESSAGING_KEYS.peek(queue) });
  }, [state, queue, queryClient]);

  return (
    <>
      <button type="button" className="button" data-size="small" data-variant="ghost" onClick={() => dialog.current?.showModal()} aria-haspopup="dialog">
        {label}
        <span className="visually-hidden"> {queue}</span>
      </button>
      {state.status === "done" && (
        <span className={styles.actionNote} role="status">
          {state.message}
        </span>
      )}
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={`${id}-title`} aria-describedby={`${id}-body`}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            startTransition(() => dispatch(form));
          }}
          className={styles.dialogForm}
        >
          <h2 id={`${id}-title`}>Purge {queue}?</h2>
          <p id={`${id}-body`}>
            This deletes {messages === 1 ? "the 1 message" : `all ${messages} messages`} in <code>{queue}</code> on <strong>{target.label}</strong> · {target.region}. It can't be
            undone, and SQS allows one purge per queue every 60 seconds.
          </p>
          <input type="hidden" name="queue" value={queue} />
          {typed && (
            <div className="field">
              <label htmlFor={`${id}-confirm`}>
                Type the account id {account ? <code>{account}</code> : "(checking…)"} to confirm
              </label>
              <input
                id={`${id}-confirm`}
                name="confirmation"
                className="input"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={state.status === "invalid" && state.field === "confirmation" ? true : undefined}
                aria-describedby={state.status === "invalid" ? `${id}-error` : undefined}
              />
            </div>
          )}
          {(state.status === "invalid" || state.status === "failed") && (
            <p id={`${id}-error`} className="error" role="alert">
              {state.message}
            </p>
          )}
          <div className={styles.dialogActions}>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Keep the messages
            </button>
            <button type="submit" className={`button ${styles.danger}`} disabled={pending}>
              {pending ? "Purging…" : `Purge ${queue}`}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
