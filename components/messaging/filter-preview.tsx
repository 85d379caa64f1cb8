"use client";

import { useMemo } from "react";
import { type DeliveryDecision, previewDelivery, type SubscriptionView, toMessageAttributes } from "@/lib/data/messaging";
import { attributeProblems, type PublishDraft } from "@/lib/validations/messaging";
import styles from "./messaging.module.css";
import { Verdict } from "./verdict";

/** Raw delivery or the SNS envelope, in words. */
export function DeliveryMode({ raw }: { raw: boolean }) {
  return (
    <span className={styles.mode} title={raw ? "The queue gets the body as published, attributes as SQS message attributes." : "The queue gets SNS's JSON envelope: the body in Message, attributes in MessageAttributes."}>
      {raw ? "raw delivery" : "SNS envelope"}
    </span>
  );
}

export function DecisionVerdict({ decision }: { decision: Pick<DeliveryDecision, "matched"> }) {
  return decision.matched ? (
    <Verdict tone="ok" icon="yes">
      Will receive
    </Verdict>
  ) : (
    <Verdict tone="danger" icon="no">
      Dropped
    </Verdict>
  );
}

/**
 * Which subscriptions of the chosen topic take the message being written, and which filter key
 * decides: the evaluator the emulator's flow log uses, run in the browser on every keystroke.
 */
export function FilterPreview({ subscriptions, draft }: { subscriptions: SubscriptionView[]; draft: PublishDraft }) {
  const { decisions, skipped } = useMemo(() => {
    const problems = attributeProblems(draft.attributes).rows;
    const usable = draft.attributes.filter((r) => !problems[r.id]);
    return {
      decisions: previewDelivery(subscriptions, draft.topic, { attributes: toMessageAttributes(usable), body: draft.body }),
      skipped: draft.attributes.length - usable.length,
    };
  }, [subscriptions, draft]);

  if (decisions.length === 0) {
    return (
      <p className={styles.placeholder}>
        <code>{draft.topic}</code> has no subscriptions on this target, so SNS accepts the message and delivers it nowhere.
      </p>
    );
  }
  const receiving = decisions.filter((d) => d.matched).length;
  return (
    <div className={styles.preview}>
      <p className={styles.previewSummary} aria-live="polite" data-testid="preview-summary">
        <strong>
          {receiving} of {decisions.length}
        </strong>{" "}
        subscriptions of <code>{draft.topic}</code> will receive this message.
        {skipped > 0 && ` ${skipped === 1 ? "1 attribute with an error is" : `${skipped} attributes with errors are`} left out.`}
      </p>
      <ul className={styles.decisions} aria-label={`Filter decisions for ${draft.topic}`}>
        {decisions.map((d) => (
          <li key={d.subscriptionArn} className={styles.decision} data-matched={d.matched} data-testid="preview-decision" data-queue={d.target}>
            <div className={styles.decisionHead}>
              <DecisionVerdict decision={d} />
              <code className={styles.queueName}>{d.target}</code>
              <DeliveryMode raw={d.rawMessageDelivery} />
            </div>
            <ul className={styles.reasons}>
              {d.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            {d.note && <p className="hint">{d.note}</p>}
          </li>
        ))}
      </ul>
      <p className="hint">
        Raw delivery hands the queue your body and attributes as they are; the SNS envelope wraps them in JSON, so <code>analytics</code> sees both forms.
      </p>
    </div>
  );
}
