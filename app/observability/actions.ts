"use server";

import { currentTarget } from "@/lib/aws/clients";
import { unreachableReason } from "@/lib/data/target-status";
import { alarmExists, alarmTopicArn, deleteCustomAlarm, putCustomAlarm } from "@/lib/data/observability-sdk";
import { isTemplateAlarm } from "@/lib/data/observability";
import { type AlarmField, type AlarmFormValues, alarmFieldErrors, alarmFormValues } from "@/lib/validations/observability";

export type AlarmFormState =
  | { status: "idle" }
  | { status: "created"; name: string; notified: boolean; at: number; values: AlarmFormValues }
  | { status: "invalid"; errors: Partial<Record<AlarmField, string>>; at: number; values: AlarmFormValues }
  | { status: "failed"; message: string; at: number; values: AlarmFormValues };

/** PutMetricAlarm for the learner's alarm, after the checks AWS would make and one it wouldn't: no overwriting. */
export async function createAlarm(_previous: AlarmFormState, form: FormData): Promise<AlarmFormState> {
  const values = alarmFormValues(form);
  const { data, errors } = alarmFieldErrors(values);
  if (!data) return { status: "invalid", errors, at: Date.now(), values };
  const target = await currentTarget();
  try {
    // PutMetricAlarm replaces an alarm of the same name without a word; the form refuses instead.
    if (await alarmExists(target, data.name)) {
      return { status: "invalid", errors: { name: `An alarm named ${data.name} exists already; choose another name.` }, at: Date.now(), values };
    }
    const topic = data.notify ? await alarmTopicArn(target) : undefined;
    if (data.notify && !topic) {
      return {
        status: "invalid",
        errors: { notify: "The lab-alarms topic does not exist on this target yet: deploy the lab, or untick this to create the alarm without notifications." },
        at: Date.now(),
        values,
      };
    }
    await putCustomAlarm(target, data, topic);
    return { status: "created", name: data.name, notified: Boolean(topic), at: Date.now(), values };
  } catch (error) {
    return { status: "failed", message: `PutMetricAlarm failed: ${unreachableReason(error, target)}`, at: Date.now(), values };
  }
}

export type DeleteAlarmState = { status: "idle" } | { status: "deleted"; name: string; at: number } | { status: "failed"; name: string; message: string };

export async function deleteAlarm(_previous: DeleteAlarmState, form: FormData): Promise<DeleteAlarmState> {
  const name = String(form.get("name") ?? "");
  if (!name || isTemplateAlarm(name)) {
    return { status: "failed", name, message: "Only alarms you created can be deleted here; the lab's own alarms go when you clean up the lab." };
  }
  const target = await currentTarget();
  try {
    await deleteCustomAlarm(target, name);
    return { status: "deleted", name, at: Date.now() };
  } catch (error) {
    return { status: "failed", name, message: `DeleteAlarms failed: ${unreachableReason(error, target)}` };
  }
}
