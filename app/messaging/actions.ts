"use server";

import { currentTarget } from "@/lib/aws/clients";
import { capabilities, type Target } from "@/lib/aws/target";
import { POISON_TEMPLATE, type PublishedMessage } from "@/lib/data/messaging";
import { accountIdOf, cancelRedrive, MessagingError, publishEvent, purgeQueue, startRedrive } from "@/lib/data/messaging-sdk";
import { unreachableReason } from "@/lib/data/target-status";
import {
  cancelRedriveSchema,
  draftFromForm,
  formObject,
  type PublishErrors,
  purgeSchema,
  redriveSchema,
  validatePublish,
} from "@/lib/validations/messaging";

export type PublishState =
  | { status: "idle" }
  | { status: "invalid"; errors: PublishErrors; at: number }
  | { status: "failed"; message: string; at: number }
  | { status: "published"; message: PublishedMessage };

export type QueueActionState =
  | { status: "idle" }
  | { status: "done"; message: string; at: number }
  | { status: "invalid"; message: string; field?: "confirmation"; at: number }
  | { status: "failed"; message: string; at: number };

/** An SDK or network failure in words the learner can act on. */
function failure(error: unknown, target: Target): string {
  if (error instanceof MessagingError) return error.message;
  const e = error as { name?: string; message?: string; $fault?: string };
  // Service errors (AccessDenied, PurgeQueueInProgress, …) carry AWS's own message.
  if (e.$fault) return `${e.name}: ${e.message}`;
  return unreachableReason(error, target);
}

export async function publishEventAction(_previous: PublishState, form: FormData): Promise<PublishState> {
  const checked = validatePublish(draftFromForm(form));
  if (!checked.success) return { status: "invalid", errors: checked.errors, at: Date.now() };
  const target = await currentTarget();
  try {
    return { status: "published", message: await publishEvent(target, checked.data) };
  } catch (error) {
    return { status: "failed", message: `The event was not published: ${failure(error, target)}`, at: Date.now() };
  }
}

/** One click: a `{"poison": true}` order that passes every filter and fails every consumer. */
export async function sendPoisonAction(_previous: PublishState, _form: FormData): Promise<PublishState> {
  const target = await currentTarget();
  const t = POISON_TEMPLATE;
  const body = JSON.stringify({ ...t.body, orderId: `ord-poison-${Date.now().toString(36)}` });
  const attributes = t.attributes.map((a, i) => ({ id: `poison-${i}`, ...a }));
  try {
    return { status: "published", message: await publishEvent(target, { topic: t.topic, body, attributes }) };
  } catch (error) {
    return { status: "failed", message: `The poison message was not sent: ${failure(error, target)}`, at: Date.now() };
  }
}

export async function startRedriveAction(_previous: QueueActionState, form: FormData): Promise<QueueActionState> {
  const parsed = redriveSchema.safeParse(formObject(form));
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0].message, at: Date.now() };
  const target = await currentTarget();
  try {
    const { source } = await startRedrive(target, parsed.data.dlq, parsed.data.speed);
    return { status: "done", message: `Moving the messages in ${parsed.data.dlq} back to ${source}.`, at: Date.now() };
  } catch (error) {
    return { status: "failed", message: `The redrive did not start: ${failure(error, target)}`, at: Date.now() };
  }
}

export async function cancelRedriveAction(_previous: QueueActionState, form: FormData): Promise<QueueActionState> {
  const parsed = cancelRedriveSchema.safeParse(formObject(form));
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0].message, at: Date.now() };
  const target = await currentTarget();
  try {
    const moved = await cancelRedrive(target, parsed.data.taskHandle);
    return { status: "done", message: `Cancelling: ${moved} message${moved === 1 ? "" : "s"} had moved; the rest stay in ${parsed.data.dlq}.`, at: Date.now() };
  } catch (error) {
    return { status: "failed", message: `The redrive was not cancelled: ${failure(error, target)}`, at: Date.now() };
  }
}

export async function purgeQueueAction(_previous: QueueActionState, form: FormData): Promise<QueueActionState> {
  const parsed = purgeSchema.safeParse(formObject(form));
  if (!parsed.success) return { status: "invalid", message: parsed.error.issues[0].message, at: Date.now() };
  const target = await currentTarget();
  try {
    if (capabilities(target).confirmation === "type-account-id") {
      const account = await accountIdOf(target);
      if (!account || parsed.data.confirmation !== account) {
        return { status: "invalid", field: "confirmation", message: "Type the account id exactly as shown to confirm.", at: Date.now() };
      }
    }
    await purgeQueue(target, parsed.data.queue);
    return { status: "done", message: `Purged ${parsed.data.queue}: its messages are deleted.`, at: Date.now() };
  } catch (error) {
    return { status: "failed", message: `${parsed.data.queue} was not purged: ${failure(error, target)}`, at: Date.now() };
  }
}
