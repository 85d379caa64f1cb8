import type { EnableAlarmActionsInput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudWatch } from "../index.ts";
import { missingParameter } from "../errors.ts";

/** Shared by Enable/DisableAlarmActions. Names that match no alarm are skipped, as in AWS. */
export function setActionsEnabled(cw: CloudWatch, names: string[] | undefined, ctx: RequestContext, enabled: boolean) {
  if (!names?.length) throw missingParameter("AlarmNames");
  for (const n of names) {
    const key = scopedKey(ctx, n);
    const alarm = cw.store.alarms.get(key);
    if (!alarm) continue;
    alarm.ActionsEnabled = enabled;
    cw.store.alarms.set(key, alarm);
  }
  return {};
}

export const enableAlarmActions = (cw: CloudWatch, input: EnableAlarmActionsInput, ctx: RequestContext) => setActionsEnabled(cw, input.AlarmNames, ctx, true);
