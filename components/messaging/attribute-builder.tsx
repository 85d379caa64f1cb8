"use client";

import { useEffect, useRef, useState } from "react";
import { ATTRIBUTE_TYPES, type AttributeRow, type AttributeRowErrors, type AttributeType, MAX_ATTRIBUTES } from "@/lib/validations/messaging";
import styles from "./messaging.module.css";
import { VerdictIconSvg } from "./verdict";

const PLACEHOLDER: Record<AttributeType, string> = {
  String: "order_created",
  Number: "42",
  "String.Array": '["red", "blue"]',
};

let nextId = 0;
export const newRowId = () => `attr-${Date.now().toString(36)}-${nextId++}`;

type Field = keyof AttributeRowErrors;

/**
 * Rows of name / type / value with each problem under its field. Adding a row focuses its name;
 * removing one focuses the next row (or Add), so the keyboard never lands on nothing.
 */
export function AttributeBuilder({
  rows,
  onChange,
  errorsFor,
  listError,
  onTouch,
}: {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  /** The error to show for a field now (the form decides when a field has been touched). */
  errorsFor: (id: string) => AttributeRowErrors;
  listError?: string;
  onTouch: (id: string, field: Field) => void;
}) {
  const inputs = useRef(new Map<string, HTMLInputElement | null>());
  const addButton = useRef<HTMLButtonElement>(null);
  const [focusNext, setFocusNext] = useState<string | "add" | undefined>();

  useEffect(() => {
    if (!focusNext) return;
    if (focusNext === "add") addButton.current?.focus();
    else inputs.current.get(focusNext)?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const update = (id: string, patch: Partial<AttributeRow>) => onChange(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const add = () => {
    const id = newRowId();
    onChange([...rows, { id, name: "", type: "String", value: "" }]);
    setFocusNext(id);
  };
  const remove = (index: number) => {
    const next = rows.filter((_, i) => i !== index);
    onChange(next);
    setFocusNext(next[index]?.id ?? next[index - 1]?.id ?? "add");
  };
  const full = rows.length >= MAX_ATTRIBUTES;

  return (
    <fieldset className={styles.attributes} aria-describedby="attributes-hint">
      <legend className={styles.legend}>
        Message attributes{" "}
        <span className={styles.counter}>
          {rows.length} of {MAX_ATTRIBUTES}
        </span>
      </legend>
      <p id="attributes-hint" className="hint">
        Filter policies read these, not the body. Names use letters, digits, <code>_</code> <code>-</code> and <code>.</code>
      </p>
      {rows.length > 0 && (
        <div className={styles.attributeGrid}>
          <div className={styles.attributeHead} aria-hidden="true">
            <span>Name</span>
            <span>Type</span>
            <span>Value</span>
            <span />
          </div>
          {rows.map((row, index) => {
            const n = index + 1;
            const errors = errorsFor(row.id);
            const errorId = (field: Field) => (errors[field] ? `${row.id}-${field}-error` : undefined);
            return (
              // biome-ignore lint/a11y/useSemanticElements: a row of three fields, named for screen readers; a fieldset per row would repeat legends.
              <div key={row.id} className={styles.attributeRow} role="group" aria-label={`Attribute ${n}`} data-testid="attribute-row">
                <input type="hidden" name="attributeId" value={row.id} />
                <div className={styles.attributeCell}>
                  <label htmlFor={`${row.id}-name`} className="visually-hidden">
                    Name of attribute {n}
                  </label>
                  <input
                    ref={(el) => {
                      inputs.current.set(row.id, el);
                    }}
                    id={`${row.id}-name`}
                    name="attributeName"
                    className="input"
                    value={row.name}
                    placeholder="eventType"
                    autoComplete="off"
                    spellCheck={false}
                    maxLength={300}
                    onChange={(e) => update(row.id, { name: e.target.value })}
                    onBlur={() => onTouch(row.id, "name")}
                    aria-invalid={errors.name ? true : undefined}
                    aria-describedby={errorId("name")}
                  />
                  {errors.name && (
                    <p id={`${row.id}-name-error`} className="error">
                      {errors.name}
                    </p>
                  )}
                </div>
                <div className={styles.attributeCell}>
                  <label htmlFor={`${row.id}-type`} className="visually-hidden">
                    Type of attribute {n}
                  </label>
                  <select
                    id={`${row.id}-type`}
                    name="attributeType"
                    className="input"
                    value={row.type}
                    onChange={(e) => {
                      update(row.id, { type: e.target.value as AttributeType });
                      onTouch(row.id, "value");
                    }}
                    aria-invalid={errors.type ? true : undefined}
                    aria-describedby={errorId("type")}
                  >
                    {ATTRIBUTE_TYPES.map((t) => (
                      <option key={t} value={t}>
                        {t}
                      </option>
                    ))}
                  </select>
                  {errors.type && (
                    <p id={`${row.id}-type-error`} className="error">
                      {errors.type}
                    </p>
                  )}
                </div>
                <div className={styles.attributeCell}>
                  <label htmlFor={`${row.id}-value`} className="visually-hidden">
                    Value of attribute {n}
                  </label>
                  <input
                    id={`${row.id}-value`}
                    name="attributeValue"
                    className="input"
                    value={row.value}
                    placeholder={PLACEHOLDER[row.type] ?? ""}
                    autoComplete="off"
                    spellCheck={false}
                    inputMode={row.type === "Number" ? "decimal" : undefined}
                    onChange={(e) => update(row.id, { value: e.target.value })}
                    onBlur={() => onTouch(row.id, "value")}
                    aria-invalid={errors.value ? true : undefined}
                    aria-describedby={errorId("value")}
                  />
                  {errors.value && (
                    <p id={`${row.id}-value-error`} className="error">
                      {errors.value}
                    </p>
                  )}
                </div>
                <button
                  type="button"
                  className={`button ${styles.iconButton}`}
                  data-variant="ghost"
                  onClick={() => remove(index)}
                  aria-label={`Remove attribute ${n}${row.name ? ` (${row.name})` : ""}`}
                  title="Remove this attribute"
                >
                  <VerdictIconSvg icon="no" size={15} />
                </button>
              </div>
            );
          })}
        </div>
      )}
      {listError && (
        <p id="attributes-error" className="error">
          {listError}
        </p>
      )}
      <div className={styles.row}>
        <button ref={addButton} type="button" className="button" data-size="small" onClick={add} disabled={full} aria-describedby={full ? "attributes-full" : undefined}>
          <VerdictIconSvg icon="add" size={14} />
          Add attribute
        </button>
        {full && (
          <span id="attributes-full" className="hint">
            SNS delivers at most {MAX_ATTRIBUTES} attributes to a queue.
          </span>
        )}
      </div>
    </fieldset>
  );
}
