"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useState } from "react";
import { type SettingsFormState, saveTarget } from "@/app/settings/actions";
import { TARGET_QUERY_KEY } from "@/components/shell/target-query";
import { Icon, type IconName } from "@/components/ui/icons";
import type { Settings, TargetKind } from "@/lib/validations/settings";
import styles from "./settings.module.css";

const KIND_CHOICES: { kind: TargetKind; title: string; body: string; icon: IconName }[] = [
  {
    kind: "local",
    title: "Local emulator",
    body: "Runs the whole lab on this machine. No account, no internet, no cost.",
    icon: "laptop",
  },
  {
    kind: "aws",
    title: "AWS account",
    body: "Deploys to a real account with your credentials. Costs money while the lab runs.",
    icon: "cloud",
  },
];

const REGIONS = ["us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "ap-southeast-2", "ap-northeast-1"];

const IDLE: SettingsFormState = { status: "idle" };

export function TargetForm({ saved }: { saved: Settings }) {
  const [state, formAction, pending] = useActionState(saveTarget, IDLE);
  // The inputs are uncontrolled: after an action React resets the form to the
  // defaults, which therefore always hold what was last submitted. `kind` only
  // mirrors the radios so the profile field can follow them.
  const [kind, setKind] = useState<TargetKind>(saved.kind);
  const queryClient = useQueryClient();
  const values = state.status === "idle" ? undefined : state.values;
  const errors = state.status === "invalid" ? state.errors : {};
  const savedAt = state.status === "saved" ? state.savedAt : undefined;

  useEffect(() => {
    if (savedAt) queryClient.invalidateQueries({ queryKey: TARGET_QUERY_KEY });
  }, [savedAt, queryClient]);

  return (
    <form action={formAction} className={styles.form} noValidate>
      <fieldset className={styles.kinds} aria-describedby={errors.kind ? "kind-error" : undefined}>
        <legend className={styles.legend}>Where the lab runs</legend>
        {KIND_CHOICES.map((choice) => (
          <label key={choice.kind} className={styles.kind}>
            <input
              type="radio"
              name="kind"
              value={choice.kind}
              defaultChecked={(values?.kind ?? saved.kind) === choice.kind}
              onChange={() => setKind(choice.kind)}
              className={styles.radio}
            />
            <span className={styles.kindIcon}>
              <Icon name={choice.icon} size={20} />
            </span>
            <span className={styles.kindText}>
              <span className={styles.kindTitle}>{choice.title}</span>
              <span className={styles.kindBody}>{choice.body}</span>
            </span>
          </label>
        ))}
        {errors.kind && (
          <p id="kind-error" className="error">
            {errors.kind}
          </p>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="profile">
          AWS profile <span className={styles.optional}>optional</span>
        </label>
        <input
          id="profile"
          name="profile"
          className="input"
          autoComplete="off"
          spellCheck={false}
          placeholder="default credential chain"
          disabled={kind !== "aws"}
          defaultValue={values?.profile ?? ("profile" in saved ? saved.profile : "")}
          aria-invalid={errors.profile ? true : undefined}
          aria-describedby={errors.profile ? "profile-error profile-hint" : "profile-hint"}
        />
        {errors.profile && (
          <p id="profile-error" className="error">
            {errors.profile}
          </p>
        )}
        <p id="profile-hint" className="hint">
          {kind === "aws"
            ? "A profile from ~/.aws/config. Leave it empty to use the default chain: environment, SSO, instance role."
            : "Only used with an AWS account; the emulator takes any credentials."}
        </p>
      </div>

      <div className="field">
        <label htmlFor="region">Region</label>
        <input
          id="region"
          name="region"
          className="input"
          list="regions"
          autoComplete="off"
          spellCheck={false}
          required
          defaultValue={values?.region ?? saved.region}
          aria-invalid={errors.region ? true : undefined}
          aria-describedby={errors.region ? "region-error region-hint" : "region-hint"}
        />
        <datalist id="regions">
          {REGIONS.map((region) => (
            <option key={region} value={region} />
          ))}
        </datalist>
        {errors.region && (
          <p id="region-error" className="error">
            {errors.region}
          </p>
        )}
        <p id="region-hint" className="hint">
          Where the lab's resources live, such as us-east-1.
        </p>
      </div>

      <div className={styles.actions}>
        <button type="submit" className="button" data-variant="primary" disabled={pending}>
          {pending ? "Saving…" : "Save target"}
        </button>
        <p role="status" className={styles.status} data-status={state.status}>
          {state.status === "saved" && (
            <>
              <Icon name="check" size={16} /> Saved. The console now talks to this target.
            </>
          )}
          {state.status === "invalid" && "Fix the highlighted field and save again."}
          {state.status === "failed" && state.message}
        </p>
      </div>
    </form>
  );
}
