// What the Messaging page sends to SNS and SQS, validated the way SNS would, so a learner sees
// the problem next to the field instead of as an InvalidParameterValue after sending.
// The same functions run in the browser (live, as the learner types) and in the server actions.
// https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
import { z } from "zod";
import { dlqName, QUEUES, TOPICS } from "../lab/contract.ts";

/** The topics a learner publishes to (lab-alarms belongs to CloudWatch). */
export const EVENT_TOPICS = [TOPICS.orderEvents, TOPICS.userEvents, TOPICS.inventoryEvents] as const;
export type EventTopic = (typeof EVENT_TOPICS)[number];

export const LAB_QUEUES = [QUEUES.orderProcessing, QUEUES.notifications, QUEUES.analytics] as const;
export const LAB_DLQS = LAB_QUEUES.map(dlqName) as [string, ...string[]];
/** Every queue the page may purge: the lab's queues and their dead-letter queues. */
export const PURGEABLE_QUEUES = [...LAB_QUEUES, ...LAB_DLQS] as [string, ...string[]];

/** The attribute types the builder offers. SNS also takes Binary, which a text field can't hold. */
export const ATTRIBUTE_TYPES = ["String", "Number", "String.Array"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

/** SNS delivers at most 10 message attributes to an SQS subscription. */
export const MAX_ATTRIBUTES = 10;
export const MAX_ATTRIBUTE_NAME_LENGTH = 256;
/** Body plus every attribute's name, type and value: 256 KiB. */
export const MAX_MESSAGE_BYTES = 262_144;

export interface AttributeRow {
  /** Stable across edits, so errors stay with their row. */
  id: string;
  name: string;
  type: AttributeType;
  value: string;
}

export interface AttributeRowErrors {
  name?: string;
  type?: string;
  value?: string;
}

const NAME_CHARS = /^[A-Za-z0-9_.-]+$/;
const RESERVED_PREFIX = /^(aws|amazon)\./i;
// Number attributes: an integer or decimal, optionally with an exponent.
const NUMBER_SYNTAX = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
// XML 1.0 characters, which SNS allows in bodies and String values.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters SNS rejects.
const INVALID_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/** Why SNS would reject this attribute name, or undefined when it is fine. */
export function attributeNameProblem(name: string): string | undefined {
  if (name.length === 0) return "Give it a name.";
  if (name.length > MAX_ATTRIBUTE_NAME_LENGTH) return `At most ${MAX_ATTRIBUTE_NAME_LENGTH} characters (this has ${name.length}).`;
  if (!NAME_CHARS.test(name)) {
    const bad = [...new Set(name.replace(/[A-Za-z0-9_.-]/g, ""))].map((c) => (c === " " ? "space" : `“${c}”`));
    return `Only letters, digits, _ - and . (not ${bad.join(", ")}).`;
  }
  if (RESERVED_PREFIX.test(name)) return "The prefixes AWS. and Amazon. are reserved.";
  if (name.startsWith(".") || name.endsWith(".")) return "Can't start or end with a period.";
  if (name.includes("..")) return "No two periods in a row.";
  return undefined;
}

/** Significant digits of a decimal literal, after trimming leading and trailing zeros. */
function significantDigits(literal: string): number {
  const mantissa = literal.replace(/^[+-]/, "").split(/[eE]/)[0];
  return mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "").length;
}

/** Why SNS would reject this value for this type, or undefined when it is fine. */
export function attributeValueProblem(type: AttributeType, value: string): string | undefined {
  if (value.length === 0) return "Give it a value; SNS rejects empty ones.";
  if (INVALID_CHARS.test(value)) return "Remove control characters; SNS takes text, tabs and line breaks.";
  if (type === "Number") {
    const text = value.trim();
    if (!NUMBER_SYNTAX.test(text)) return "Enter a number, like 42, -3.5 or 1e6.";
    if (significantDigits(text) > 38) return "At most 38 significant digits.";
    const n = Math.abs(Number(text));
    if (n !== 0 && (n < 1e-128 || n > 1e126)) return "Out of range: SNS takes 10^-128 to 10^126.";
    return undefined;
  }
  if (type === "String.Array") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      return 'Enter a JSON array, like ["red", "blue"] or [1, 2].';
    }
    if (!Array.isArray(parsed)) return 'Wrap it in square brackets: ["red"].';
    const nested = parsed.findIndex((item) => item !== null && typeof item === "object");
    if (nested >= 0) return `Item ${nested + 1} is ${Array.isArray(parsed[nested]) ? "an array" : "an object"}; use strings, numbers, true, false or null.`;
    return undefined;
  }
  return undefined;
}

/** Errors for a set of rows, keyed by row id: each row on its own, then duplicates and the count. */
export function attributeProblems(rows: readonly AttributeRow[]): { rows: Record<string, AttributeRowErrors>; list?: string } {
  const out: Record<string, AttributeRowErrors> = {};
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const errors: AttributeRowErrors = {};
    if (!(ATTRIBUTE_TYPES as readonly string[]).includes(row.type)) errors.type = "Choose String, Number or String.Array.";
    const name = attributeNameProblem(row.name);
    if (name) errors.name = name;
    else if (seen.has(row.name)) errors.name = `Attribute ${(seen.get(row.name) ?? 0) + 1} has this name; names must be unique.`;
    if (!seen.has(row.name)) seen.set(row.name, index);
    if (!errors.type) {
      const value = attributeValueProblem(row.type, row.value);
      if (value) errors.value = value;
    }
    if (errors.name || errors.type || errors.value) out[row.id] = errors;
  });
  const list = rows.length > MAX_ATTRIBUTES ? `SNS delivers at most ${MAX_ATTRIBUTES} attributes to a queue; remove ${rows.length - MAX_ATTRIBUTES}.` : undefined;
  return list ? { rows: out, list } : { rows: out };
}

/** Why the body can't be sent, or undefined. The editor takes JSON, as the lab's consumers do. */
export function bodyProblem(body: string): string | undefined {
  if (body.trim() === "") return "Write a message body: a JSON object such as {\"orderId\": \"1001\"}.";
  if (INVALID_CHARS.test(body)) return "Remove control characters: SNS accepts only printable text, tabs and line breaks.";
  try {
    JSON.parse(body);
  } catch (e) {
    return `The body is not valid JSON: ${(e as Error).message}`;
  }
  return undefined;
}

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** Bytes SNS counts toward the 256 KiB limit. */
export function messageBytes(body: string, rows: readonly Pick<AttributeRow, "name" | "type" | "value">[]): number {
  return utf8Bytes(body) + rows.reduce((sum, r) => sum + utf8Bytes(r.name) + utf8Bytes(r.type) + utf8Bytes(r.value), 0);
}

export type PublishField = "topic" | "body" | "attributes";

export interface PublishErrors {
  topic?: string;
  body?: string;
  /** About the list as a whole (too many attributes). */
  attributes?: string;
  rows: Record<string, AttributeRowErrors>;
}

export const hasPublishErrors = (e: PublishErrors) => Boolean(e.topic || e.body || e.attributes || Object.keys(e.rows).length);

const attributeRowSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  type: z.enum(ATTRIBUTE_TYPES, { error: "Choose String, Number or String.Array." }),
  value: z.string(),
});

export const publishSchema = z
  .object({
    topic: z.enum(EVENT_TOPICS, { error: `Choose one of the lab's topics: ${EVENT_TOPICS.join(", ")}.` }),
    body: z.string().superRefine((body, ctx) => {
      const problem = bodyProblem(body);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
    attributes: z.array(attributeRowSchema).superRefine((rows, ctx) => {
      const problems = attributeProblems(rows);
      if (problems.list) ctx.addIssue({ code: "custom", message: problems.list });
      rows.forEach((row, index) => {
        for (const [field, message] of Object.entries(problems.rows[row.id] ?? {})) {
          ctx.addIssue({ code: "custom", path: [index, field], message });
        }
      });
    }),
  })
  .superRefine((input, ctx) => {
    const bytes = messageBytes(input.body, input.attributes);
    if (bytes > MAX_MESSAGE_BYTES) {
      ctx.addIssue({ code: "custom", path: ["body"], message: `The message is ${Math.ceil(bytes / 1024)} KiB with its attributes; SNS takes at most 256 KiB.` });
    }
  });

export type PublishInput = z.infer<typeof publishSchema>;

export interface PublishDraft {
  topic: string;
  body: string;
  attributes: AttributeRow[];
}

/** zod issues → errors keyed the way the form shows them. */
export function publishErrorsFrom(issues: readonly z.core.$ZodIssue[], rows: readonly { id: string }[]): PublishErrors {
  const errors: PublishErrors = { rows: {} };
  for (const issue of issues) {
    const [field, index, sub] = issue.path as (string | number)[];
    if (field === "attributes" && typeof index === "number") {
      const id = rows[index]?.id ?? String(index);
      const key = (sub === "name" || sub === "type" || sub === "value" ? sub : "value") as keyof AttributeRowErrors;
      errors.rows[id] ??= {};
      errors.rows[id][key] ??= issue.message;
    } else if (field === "topic" || field === "body" || field === "attributes") {
      errors[field] ??= issue.message;
    }
  }
  return errors;
}

/** Validates a draft the way the server action will; the form calls it as the learner types. */
export function validatePublish(draft: PublishDraft): { success: true; data: PublishInput } | { success: false; errors: PublishErrors } {
  const parsed = publishSchema.safeParse(draft);
  if (parsed.success) return { success: true, data: parsed.data };
  return { success: false, errors: publishErrorsFrom(parsed.error.issues, draft.attributes) };
}

/**
 * Row ids become object keys (errors are keyed by row), so one from a request must look like the
 * ids the form makes, and not be a name every object has: `__proto__` or `constructor` as a key
 * would write into Object.prototype or Object itself.
 */
const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Reads the publish form: one topic, one body, and parallel lists of attribute fields. */
export function draftFromForm(form: FormData): PublishDraft {
  const all = (name: string) => form.getAll(name).map((v) => (typeof v === "string" ? v : ""));
  const seen = new Set<string>();
  const ids = all("attributeId").map((id, i) => {
    const safe = ROW_ID.test(id) && !(id in {}) && !seen.has(id) ? id : `row-${i}`;
    seen.add(safe);
    return safe;
  });
  const names = all("attributeName");
  const types = all("attributeType");
  const values = all("attributeValue");
  return {
    topic: String(form.get("topic") ?? ""),
    body: String(form.get("body") ?? ""),
    attributes: ids.map((id, i) => ({ id, name: names[i] ?? "", type: (types[i] ?? "") as AttributeType, value: values[i] ?? "" })),
  };
}

// ---------- queue actions ----------

export const redriveSpeeds = ["auto", "1"] as const;
export type RedriveSpeed = (typeof redriveSpeeds)[number];

export const redriveSchema = z.object({
  dlq: z.enum(LAB_DLQS, { error: "Choose one of the lab's dead-letter queues." }),
  speed: z.enum(redriveSpeeds, { error: "Choose how fast to move the messages." }).default("auto"),
});

export const cancelRedriveSchema = z.object({
  dlq: z.enum(LAB_DLQS, { error: "Choose one of the lab's dead-letter queues." }),
  taskHandle: z.string().min(1, "This redrive has no task handle: it is no longer running."),
});

export const purgeSchema = z.object({
  queue: z.enum(PURGEABLE_QUEUES, { error: "Choose one of the lab's queues." }),
  /** The account id, typed by the learner where the target asks for it. */
  confirmation: z.string().trim().optional(),
});

export const formObject = (form: FormData) => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
