"use client";

import { type FormEvent, startTransition, useActionState, useEffect, useMemo, useRef, useState } from "react";
import { type PublishState, publishEventAction } from "@/app/messaging/actions";
import { CopyButton } from "@/components/ui/copy-button";
import { Icon } from "@/components/ui/icons";
import { type PublishedMessage, publishCommand, TEMPLATES, type TopicView } from "@/lib/data/messaging";
import { type AttributeRowErrors, type PublishDraft, type PublishErrors, validatePublish } from "@/lib/validations/messaging";
import { AttributeBuilder, newRowId } from "./attribute-builder";
import styles from "./messaging.module.css";

const IDLE: PublishState = { status: "idle" };
const NO_ERRORS: PublishErrors = { rows: {} };

/** A template as a draft. The first render's ids must match between server and browser, so they are fixed there. */
export function draftFromTemplate(id: string, fixedIds = false): PublishDraft {
  const t = TEMPLATES.find((x) => x.id === id) ?? TEMPLATES[0];
  return {
    topic: t.topic,
    body: JSON.stringify(t.body, null, 2),
    attributes: t.attributes.map((a, i) => ({ id: fixedIds ? `initial-${i}` : newRowId(), ...a })),
  };
}

/**
 * Topic, JSON body and attribute builder. Every field is checked as the learner types (once
 * touched) with the same rules the server action applies; sending is refused while one fails.
 */
export function PublishForm({
  topics,
  draft,
  onDraftChange,
  onPublished,
}: {
  topics: TopicView[];
  draft: PublishDraft;
  onDraftChange: (draft: PublishDraft) => void;
  onPublished: (message: PublishedMessage) => void;
}) {
  const [state, dispatch, pending] = useActionState(publishEventAction, IDLE);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [template, setTemplate] = useState<string>();
  const formRef = useRef<HTMLFormElement>(null);

  const live = useMemo(() => validatePublish(draft), [draft]);
  const liveErrors = live.success ? NO_ERRORS : live.errors;
  // Where the server disagreed (it re-validates), its errors show until the next submit.
  const serverErrors = state.status === "invalid" ? state.errors : NO_ERRORS;
  const shown = (key: string) => submitted || touched.has(key);
  const touch = (key: string) => setTouched((t) => (t.has(key) ? t : new Set(t).add(key)));
  const rowErrors = (id: string): AttributeRowErrors => {
    const all = { ...serverErrors.rows[id], ...liveErrors.rows[id] };
    return {
      ...(all.name && shown(`${id}.name`) ? { name: all.name } : {}),
      ...(all.type ? { type: all.type } : {}),
      ...(all.value && shown(`${id}.value`) ? { value: all.value } : {}),
    };
  };
  const bodyError = shown("body") ? (liveErrors.body ?? serverErrors.body) : undefined;
  const topicError = liveErrors.topic ?? serverErrors.topic;
  const listError = liveErrors.attributes ?? serverErrors.attributes;

  const published = state.status === "published" ? state.message : undefined;
  useEffect(() => {
    if (published) onPublished(published);
  }, [published, onPublished]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (!live.success) {
      // Move to the first field that needs fixing, so a keyboard user lands on it.
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  }

  const applyTemplate = (id: string) => {
    setTemplate(id);
    setTouched(new Set());
    setSubmitted(false);
    onDraftChange(draftFromTemplate(id));
  };

  const blocking = live.success ? 0 : [liveErrors.topic, liveErrors.body, liveErrors.attributes, ...Object.values(liveErrors.rows).flatMap((r) => Object.values(r))].filter(Boolean).length;
  const chosen = TEMPLATES.find((t) => t.id === template);

  return (
    <form ref={formRef} className={styles.form} onSubmit={submit} noValidate aria-label="Publish an event">
      <div className="field">
        <span className="label" id="templates-label">
          Start from an event
        </span>
        {/* biome-ignore lint/a11y/useSemanticElements: a toolbar of template buttons, not form fields. */}
        <div className={styles.templates} role="group" aria-labelledby="templates-label">
          {TEMPLATES.map((t) => (
            <button
              key={t.id}
              type="button"
              className={styles.template}
              data-poison={t.id === "poison" || undefined}
              aria-pressed={template === t.id}
              onClick={() => applyTemplate(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        <p className="hint" aria-live="polite">
          {chosen ? chosen.expect : "Each fills in the topic, the body and the attributes; change anything afterwards."}
        </p>
      </div>

      <fieldset className={styles.topics} aria-describedby={topicError ? "topic-error" : undefined}>
        <legend className={styles.legend}>Topic</legend>
        <div className={styles.topicChoices}>
          {topics.map((t) => (
            <label key={t.name} className={styles.topicChoice}>
              <input type="radio" name="topic" value={t.name} checked={draft.topic === t.name} onChange={() => onDraftChange({ ...draft, topic: t.name })} />
              <code>{t.name}</code>
            </label>
          ))}
        </div>
        {topicError && (
          <p id="topic-error" className="error">
            {topicError}
          </p>
        )}
      </fieldset>

      <div className="field">
        <label htmlFor="message-body">Message body</label>
        <textarea
          id="message-body"
          name="body"
          className={`input ${styles.body}`}
          rows={Math.min(14, Math.max(6, draft.body.split("\n").length))}
          spellCheck={false}
          value={draft.body}
          onChange={(e) => onDraftChange({ ...draft, body: e.target.value })}
          onBlur={() => touch("body")}
          aria-invalid={bodyError ? true : undefined}
          aria-describedby={bodyError ? "body-error body-hint" : "body-hint"}
        />
        {bodyError && (
          <p id="body-error" className="error">
            {bodyError}
          </p>
        )}
        <p id="body-hint" className="hint">
          JSON, as the lab's consumers read it. A body with <code>"poison": true</code> fails every consumer.
        </p>
      </div>

      <AttributeBuilder
        rows={draft.attributes}
        onChange={(attributes) => onDraftChange({ ...draft, attributes })}
        errorsFor={rowErrors}
        listError={listError}
        onTouch={(id, field) => touch(`${id}.${field}`)}
      />

      <div className={styles.actions}>
        <button type="submit" className="button" data-variant="primary" disabled={pending || topics.length === 0}>
          <Icon name="messaging" size={16} />
          {pending ? "Publishing…" : `Publish to ${draft.topic || "the topic"}`}
        </button>
        <p role="status" className={styles.status} data-status={submitted && blocking ? "invalid" : state.status}>
          {submitted && blocking > 0
            ? `Fix the ${blocking === 1 ? "highlighted field" : `${blocking} highlighted fields`} to publish.`
            : state.status === "published"
              ? `Published ${state.message.messageId.slice(0, 8)}… to ${state.message.topic}. Follow it under Message flow.`
              : state.status === "failed"
                ? state.message
                : state.status === "invalid"
                  ? "The console refused the message; see the highlighted fields."
                  : null}
        </p>
      </div>

      <details className={styles.cli}>
        <summary>The same publish with the AWS CLI</summary>
        <div className={styles.cliBody}>
          <pre>{publishCommand(draft.topic, draft.body, draft.attributes)}</pre>
          <CopyButton text={publishCommand(draft.topic, draft.body, draft.attributes)} label="Copy the aws sns publish command" />
        </div>
        <p className="hint">
          <code>npm run lab -- env</code> prints the exports that point <code>$ORDER_EVENTS_TOPIC_ARN</code> and the others at this target.
        </p>
      </details>
    </form>
  );
}
