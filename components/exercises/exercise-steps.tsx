import { CopyButton } from "@/components/ui/copy-button";
import { Icon } from "@/components/ui/icons";
import { InlineCode } from "@/components/ui/inline-code";
import type { Exercise } from "@/lib/data/exercises";
import styles from "./exercises.module.css";

/** The left column: each step with its why, its CLI equivalent and its check. */
export function ExerciseSteps({ exercise }: { exercise: Exercise }) {
  return (
    <ol className={styles.steps} aria-label={`Steps of exercise ${exercise.number}`}>
      {exercise.steps.map((step, index) => {
        const id = `step-${exercise.number}-${index + 1}`;
        return (
          <li key={step.title} className={styles.step}>
            <span className={styles.stepNumber} aria-hidden="true">
              {index + 1}
            </span>
            <div className={styles.stepBody}>
              <h2 id={id} className={styles.stepTitle}>
                <span className="visually-hidden">Step {index + 1}: </span>
                {step.title}
              </h2>
              <p className={styles.explanation}>
                <InlineCode text={step.explanation} />
              </p>
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
              <div className={styles.checkRow}>
                <button type="button" className="button" disabled aria-describedby={`${id}-check`}>
                  <Icon name="check" size={16} />
                  Check
                </button>
                <span id={`${id}-check`} className={styles.checkHint}>
                  Deploy the lab, then check this step against its real state.
                </span>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
