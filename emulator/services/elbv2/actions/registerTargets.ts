import type { RegisterTargetsInput, RegisterTargetsOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";
import { validation } from "../validate.ts";

export const registerTargets = ({ store, alb }: ElbDeps) => (input: RegisterTargetsInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  if (!input.Targets?.length) throw validation("Targets must contain at least one target");
  for (const t of input.Targets) {
    const port = t.Port ?? tg.Port;
    if (!t.Id) throw validation("A target needs an Id");
    if (tg.TargetType === "ip" && !/^[\d.]+$|:/.test(t.Id)) throw new AwsError("InvalidTarget", `The IP address '${t.Id}' is not a valid IPv4 address`, 400);
    if (tg.TargetType === "instance" && !t.Id.startsWith("i-")) throw new AwsError("InvalidTarget", `The following targets are not valid instances: '${t.Id}'`, 400);
    if (port === undefined || port < 1 || port > 65535) throw new AwsError("InvalidTarget", `Target '${t.Id}' needs a port between 1 and 65535`, 400);
    if (!tg.Targets.some((x) => x.Id === t.Id && x.Port === port)) tg.Targets.push({ Id: t.Id, Port: port, AvailabilityZone: t.AvailabilityZone });
  }
  store.targetGroups.set(tg.TargetGroupArn, tg);
  alb.syncTargets(tg);
  return {} satisfies RegisterTargetsOutput;
};
