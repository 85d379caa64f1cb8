import type { DeleteTargetGroupInput, DeleteTargetGroupOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";

export const deleteTargetGroup = ({ store, alb }: ElbDeps) => (input: DeleteTargetGroupInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  const users = store.loadBalancerArnsOf(tg.TargetGroupArn);
  if (users.length) throw new AwsError("ResourceInUse", `Target group '${tg.TargetGroupArn}' is currently in use by a listener or a rule`, 400);
  store.targetGroups.delete(tg.TargetGroupArn);
  alb.health.remove(tg.TargetGroupArn);
  return {} satisfies DeleteTargetGroupOutput;
};
