import type { DisableAlarmActionsInput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { setActionsEnabled } from "./enableAlarmActions.ts";

export const disableAlarmActions = (cw: CloudWatch, input: DisableAlarmActionsInput, ctx: RequestContext) => setActionsEnabled(cw, input.AlarmNames, ctx, false);
