"use client";

import { useCallback, useState } from "react";
import type { MessagingTarget } from "@/components/messaging/messaging-query";
import { ObservabilityProvider, type ObservabilityTarget } from "@/components/observability/observability-context";
import { CopyButton } from "@/components/ui/copy-button";
import { NotDeployed } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { InlineCode } from "@/components/ui/inline-code";
import { type Exercise, type StepAction, stepId } from "@/lib/data/exercises";
import styles from "./exercises.module.css";
import { StepInstrumentView } from "./instruments";
import { useProgress, useRefreshProgress } from "./progress-query";
import { StepActionForm } from "./step-action";
import { StepCheck } from "./step-check";

/** Steps done by the deploy itself: their check runs before the lab exists, and says what is missing. */
const DEPLOY_ONLY: readonly StepAction[] = ["deploy", "list-mesh"];

/** Two columns: the steps with their action, command and check; the live instrument of the step in focus. */
export function ExerciseWorkbench({ exercise, deployed, variant, observability, messaging }: { exercise: Exercise; deployed: boolean; variant?: string; observability: ObservabilityTarget; messaging: MessagingTarget }) {
  const [focus, setFocus] = useState(0);
  const { data } = useProgress();
  const refresh = useRefreshProgress();
  const onDone = useCallback(() => refresh(), [refresh]);
  const steps = exercise.steps;
  const instrument = steps[focus]?.instrument ?? steps[0].instrument;
  return (
    <ObservabilityProvider target={observability}>
      <div className={styles.layout}>
        <div className={styles.stepsColumn}>
        <p className={styles.envHint}>
          The commands use the lab's variables: load them once in your shell with <code>eval "$(npm run --silent lab -- env)"</code>.
        </p>
        <ol className={styles.steps} aria-label={`Steps of exercise ${exercise.number}`}>
          {steps.map((step, index) => {
            const id = stepId(exercise.number, index);
            const saved = data?.progress.steps[id];
            return (
              <li key={step.title} className={styles.step} data-focus={focus === index || undefined} data-testid={`step-${id}`} onFocusCapture={() => setFocus(index)} onPointerDown={() => setFocus(index)}>
                <span className={styles.stepNumber} data-done={saved?.doneAt ? true : undefined} aria-hidden="true">
                  {saved?.doneAt ? "✓" : index + 1}
                </span>
                <div className={styles.stepBody}>
                  <h2 className={styles.stepTitle}>
                    <span className="visually-hidden">Step {index + 1}: </span>
                    {step.title}
                    {saved?.doneAt && <span className={styles.doneBadge}>✓ Done</span>}
                  </h2>
                  <p className={styles.explanation}>
                    <InlineCode text={step.explanation} />
                  </p>
                  {deployed && <StepActionForm step={id} action={step.action} onDone={onDone} variant={variant} />}
                  <figure className={styles.command}>
                    <figcaption className={styles.commandBar}>
                      <span className={styles.commandLabel}>
                        <Icon name="terminal" size={14} /> CLI equivalent
                      </span>
                      <CopyButton text={step.command} label={`Copy the command for step ${index + 1}`} />
                    </figcaption>
                    <pre className={styles.pre}>
                      <code>{step.command}</code>
                    </pre>
                  </figure>
                  <StepCheck step={id} saved={saved} onChecked={onDone} disabled={!deployed && !DEPLOY_ONLY.includes(step.action)} />
                </div>
              </li>
            );
          })}
        </ol>
        </div>
        <aside className={styles.instrument} aria-label="Live instrument">
          <p className={styles.instrumentFor}>
            Instrument for step {focus + 1}: {steps[focus]?.title}
          </p>
          {deployed ? <StepInstrumentView kind={instrument} messaging={messaging} /> : <NotDeployed compact what="The instrument for these steps comes alive once the lab runs." />}
        </aside>
      </div>
    </ObservabilityProvider>
  );
}
