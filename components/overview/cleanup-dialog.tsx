"use client";

import { useActionState, useEffect, useId, useRef, useState } from "react";
import { type LabActionState, startCleanup, startRemoveLeftovers } from "@/app/actions/lab";
import { Icon } from "@/components/ui/icons";
import styles from "./overview.module.css";

const IDLE: LabActionState = { status: "idle" };

export type CleanupMode = "cleanup" | "retain" | "leftovers";

const COPY: Record<CleanupMode, { open: string; title: string; confirm: string }> = {
  cleanup: { open: "Clean up", title: "Delete the lab?", confirm: "Delete the lab" },
  retain: { open: "Retry, keeping what failed", title: "Delete the stack and keep what failed?", confirm: "Delete and keep" },
  leftovers: { open: "Remove leftovers", title: "Remove what remains?", confirm: "Remove leftovers" },
};

/**
 * A button that opens a modal confirmation naming what will be deleted and where. Locally
 * one click confirms; on AWS the learner types the account id (the server checks it again).
 */
export function CleanupDialog({
  mode,
  where,
  items,
  note,
  typeAccountId,
  accountId,
  onStarted,
  variant,
}: {
  mode: CleanupMode;
  where: string;
  items: string[];
  note: string;
  typeAccountId: boolean;
  accountId?: string;
  onStarted: () => void;
  variant?: "primary" | "default";
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [typed, setTyped] = useState("");
  const [state, action, pending] = useActionState(mode === "leftovers" ? startRemoveLeftovers : startCleanup, IDLE);
  const startedAt = state.status === "started" ? state.at : undefined;
  useEffect(() => {
    if (!startedAt) return;
    dialog.current?.close();
    onStarted();
  }, [startedAt, onStarted]);
  const copy = COPY[mode];
  const ready = !typeAccountId || (accountId !== undefined && typed.trim() === accountId);

  return (
    <>
      <button
        type="button"
        className="button"
        data-variant={variant === "primary" ? "primary" : undefined}
        onClick={() => {
          setTyped("");
          dialog.current?.showModal();
        }}
      >
        <Icon name="trash" size={16} />
        {copy.open}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId}>
        <form action={action} className={styles.dialogForm}>
          <h2 id={titleId}>{copy.title}</h2>
          <p>
            On <strong>{where}</strong>, this deletes:
          </p>
          <ul className={styles.dialogList}>
            {items.map((item) => (
              <li key={item}>
                <code>{item}</code>
              </li>
            ))}
          </ul>
          <p className={styles.dialogNote}>{note}</p>
          {mode === "retain" && <input type="hidden" name="retainFailed" value="on" />}
          {typeAccountId ? (
            <div className="field">
              <label htmlFor={`${titleId}-account`}>
                Type the account id <code>{accountId ?? "…"}</code> to confirm
              </label>
              <input
                id={`${titleId}-account`}
                name="confirmation"
                className="input"
                autoComplete="off"
                spellCheck={false}
                inputMode="numeric"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            </div>
          ) : (
            <input type="hidden" name="confirmation" value="yes" />
          )}
          {(state.status === "invalid" || state.status === "failed") && (
            <p role="alert" className="error">
              {state.message}
            </p>
          )}
          <div className={styles.dialogActions}>
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <button type="submit" className="button" data-variant="danger" disabled={!ready || pending}>
              <Icon name="trash" size={16} />
              {pending ? "Starting…" : copy.confirm}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
