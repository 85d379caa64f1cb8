"use client";

import { startTransition, useActionState, useEffect } from "react";
import { type PublishState, sendPoisonAction } from "@/app/messaging/actions";
import type { PublishedMessage } from "@/lib/data/messaging";
import styles from "./messaging.module.css";
import { VerdictIconSvg } from "./verdict";

const IDLE: PublishState = { status: "idle" };

/** One click: an order_created with `"poison": true`, which every consumer fails until the DLQ takes it. */
export function PoisonButton({ onPublished }: { onPublished: (message: PublishedMessage) => void }) {
  const [state, dispatch, pending] = useActionState(sendPoisonAction, IDLE);
  const published = state.status === "published" ? state.message : undefined;
  useEffect(() => {
    if (published) onPublished(published);
  }, [published, onPublished]);
  return (
    <div className={styles.poison}>
      <button type="button" className="button" data-size="small" disabled={pending} onClick={() => startTransition(() => dispatch(new FormData()))} aria-describedby="poison-hint">
        <VerdictIconSvg icon="dead" size={15} />
        {pending ? "Sending…" : "Send a poison message"}
      </button>
      <span id="poison-hint" className="visually-hidden">
        Publishes an order_created event whose body has "poison": true to order-events. Every consumer fails it; after 3 receives SQS moves it to the dead-letter queue.
      </span>
      {state.status === "failed" && (
        <span className="error" role="alert">
          {state.message}
        </span>
      )}
    </div>
  );
}
