import type { ModifyTargetGroupInput, ModifyTargetGroupOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";
import { targetGroupOutput } from "../store.ts";
import { healthCheckFrom } from "./createTargetGroup.ts";

export const modifyTargetGroup = ({ store, alb }: ElbDeps) => (input: ModifyTargetGroupInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  tg.HealthCheck = healthCheckFrom(input, tg.HealthCheck);
  store.targetGroups.set(tg.TargetGroupArn, tg);
  alb.syncTargets(tg);
  return { TargetGroups: [targetGroupOutput(store, tg)] } satisfies ModifyTargetGroupOutput;
};
