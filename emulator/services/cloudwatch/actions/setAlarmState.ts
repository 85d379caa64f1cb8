import type { SetAlarmStateCommandOutput, SetAlarmStateInput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { AlarmState } from "../../../runtime/alarms/evaluate.ts";
import { transition } from "../../../runtime/alarms/transition.ts";
import type { CloudWatch } from "../index.ts";
import { invalidFormat, required, resourceNotFound } from "../errors.ts";
import { checkStateValue } from "./describeAlarms.ts";

/** The state holds until the next evaluation, as in AWS; actions run if it is a change. */
export async function setAlarmState(cw: CloudWatch, input: SetAlarmStateInput, ctx: RequestContext) {
  required(input, "AlarmName", "StateValue", "StateReason");
  checkStateValue(input.StateValue);
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw invalidFormat("The parameter StateReasonData must be valid JSON.");
    }
  }
  const alarm = cw.store.alarms.get(scopedKey(ctx, input.AlarmName!));
  if (!alarm) throw resourceNotFound(`Alarm ${input.AlarmName} does not exist.`);
  await transition(cw.transitions, { account: ctx.accountId, region: ctx.region }, alarm, {
    state: input.StateValue as AlarmState,
    reason: input.StateReason!,
    reasonData: input.StateReasonData,
  });
  return {} satisfies Omit<SetAlarmStateCommandOutput, "$metadata">;
}
