import type { DeregisterTargetsInput, DeregisterTargetsOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";

export const deregisterTargets = ({ store, alb }: ElbDeps) => (input: DeregisterTargetsInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  for (const t of input.Targets ?? []) {
    const port = t.Port ?? tg.Port;
    const i = tg.Targets.findIndex((x) => x.Id === t.Id && x.Port === port);
    if (i < 0) throw new AwsError("InvalidTarget", `The target '${t.Id}:${port}' is not registered with target group '${tg.TargetGroupName}'`, 400);
    tg.Targets.splice(i, 1);
  }
  store.targetGroups.set(tg.TargetGroupArn, tg);
  alb.syncTargets(tg);
  return {} satisfies DeregisterTargetsOutput;
};
