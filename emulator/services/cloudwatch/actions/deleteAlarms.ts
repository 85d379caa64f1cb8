import type { DeleteAlarmsCommandOutput, DeleteAlarmsInput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterValue, missingParameter, resourceNotFound } from "../errors.ts";

/** Deletes all named alarms, or none if one does not exist. Their history goes with them. */
export function deleteAlarms(cw: CloudWatch, input: DeleteAlarmsInput, ctx: RequestContext) {
  const names = input.AlarmNames ?? [];
  if (!names.length) throw missingParameter("AlarmNames");
  if (names.length > 100) throw invalidParameterValue("The collection AlarmNames must not have a size greater than 100.");
  const missing = names.filter((n) => !cw.store.alarms.has(scopedKey(ctx, n)));
  if (missing.length) throw resourceNotFound(`${missing.length === 1 ? "Alarm" : "Alarms"} ${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not exist.`);
  for (const n of names) {
    cw.store.alarms.delete(scopedKey(ctx, n));
    cw.store.history.deleteAlarm(ctx.accountId, ctx.region, n);
  }
  return {} satisfies Omit<DeleteAlarmsCommandOutput, "$metadata">;
}
