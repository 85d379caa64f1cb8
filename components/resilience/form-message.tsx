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
