import type { ReactNode } from "react";
import { Icon } from "@/components/ui/icons";
import type { FormState } from "@/app/resilience/actions";
import styles from "./resilience.module.css";

/** The outcome of a form's action, announced politely; nothing while idle or while fields are invalid. */
export function FormMessage({ state }: { state: FormState }) {
  return (
    <p className={styles.message} data-tone={state.status === "done" ? "ok" : state.status === "failed" ? "failed" : undefined} role="status" aria-live="polite">
      {state.status === "done" && <Icon name="check" size={16} />}
      {state.status === "failed" && <Icon name="alert" size={16} />}
      {state.status === "done" || state.status === "failed" ? state.message : null}
    </p>
  );
}

/** The error for one field, given `id` so the control can point at it with aria-describedby. */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="error" id={id}>
      {error}
    </p>
  ) : null;
}

/** A short number input with its label, its error (or else its hint), wired with aria-describedby. */
export function NumberField({
  id,
  name,
  label,
  defaultValue,
  error,
  decimal = false,
  disabled,
  placeholder,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  error?: string;
  decimal?: boolean;
  disabled?: boolean;
  placeholder?: string;
  hint?: ReactNode;
}) {
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className={`input ${styles.narrow}`}
        inputMode={decimal ? "decimal" : "numeric"}
        placeholder={placeholder}
        defaultValue={defaultValue}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : hintId}
      />
      <FieldError id={errorId} error={error} />
      {!error && hint && (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}
