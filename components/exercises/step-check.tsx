"use client";

import { useState } from "react";
import { RelativeTime } from "@/components/ui/relative-time";
import { Icon } from "@/components/ui/icons";
import type { CheckResult } from "@/lib/lab/checks";
import type { StepProgress } from "@/lib/lab/progress-store";
import styles from "./exercises.module.css";

/** The Check button and its verdict: ✓ or ✗ with words, never colour alone. */
export function StepCheck({ step, saved, onChecked, disabled }: { step: string; saved?: StepProgress; onChecked: () => void; disabled?: boolean }) {
  const [result, setResult] = useState<CheckResult & { at: number }>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();

  async function check() {
    setPending(true);
    setError(undefined);
    try {
      const res = await fetch("/api/exercises/check", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ step }) });
      const json = await res.json();
      if (!res.ok) throw new Error(json.error ?? `The console answered ${res.status}`);
      setResult({ ...json.result, at: Date.now() });
      onChecked();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(false);
    }
  }

  const shown = result ?? (saved?.checkedAt ? { ok: saved.ok, detail: saved.detail ?? "", at: saved.checkedAt } : undefined);
  return (
    <div className={styles.checkRow}>
      <button type="button" className="button" onClick={check} disabled={pending || disabled} aria-describedby={`check-${step}`}>
        <Icon name="check" size={16} />
        {pending ? "Checking…" : "Check"}
      </button>
      <div id={`check-${step}`} className={styles.checkResult} role="status" data-testid={`check-result-${step}`} data-ok={shown ? String(shown.ok) : undefined}>
        {error && <span className={styles.checkFail}>✗ The check did not run: {error}</span>}
        {!error && !shown && <span className={styles.checkHint}>{disabled ? "Deploy the lab, then check this step against its real state." : "Checks the lab's real state, counting only what happened since you started this step."}</span>}
        {!error && shown && (
          <>
            <span className={shown.ok ? styles.checkPass : styles.checkFail}>
              <span aria-hidden="true">{shown.ok ? "✓" : "✗"}</span> {shown.ok ? "Done" : "Not yet"}: {shown.detail}
            </span>
            {!shown.ok && "missing" in shown && shown.missing?.length ? <span className={styles.checkMissing}>Missing: {shown.missing.join("; ")}</span> : null}
            <span className={styles.checkMeta}>
              Checked <RelativeTime iso={new Date(shown.at).toISOString()} />
              {saved?.doneAt && !shown.ok ? " · this step passed before" : ""}
            </span>
          </>
        )}
      </div>
    </div>
  );
}
