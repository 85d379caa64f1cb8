// https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_TargetHealth.html
import type { DescribeTargetHealthInput, DescribeTargetHealthOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";

export const describeTargetHealth = ({ store, alb }: ElbDeps) => (input: DescribeTargetHealthInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  const inUse = store.loadBalancerArnsOf(tg.TargetGroupArn).length > 0;
  const tracked = alb.health.targets(tg.TargetGroupArn);
  const wanted = input.Targets?.length ? input.Targets.map((t) => ({ Id: t.Id ?? "", Port: t.Port ?? tg.Port ?? 0 })) : tracked.map((t) => t.target);
  return {
    TargetHealthDescriptions: wanted.map((t) => {
      const hit = tracked.find((x) => x.target.Id === t.Id && x.target.Port === t.Port);
      const registered = tg.Targets.some((x) => x.Id === t.Id && x.Port === t.Port);
      const health = !hit
        ? { State: "unused" as const, Reason: "Target.NotRegistered" as const, Description: "Target is not registered to the target group" }
        : registered && !inUse
          ? { State: "unused" as const, Reason: "Target.NotInUse" as const, Description: "Target group is not configured to receive traffic from the load balancer" }
          : (hit.health as any);
      return {
        Target: { Id: t.Id, Port: t.Port },
        HealthCheckPort: tg.HealthCheck.Port === "traffic-port" ? String(t.Port) : tg.HealthCheck.Port,
        TargetHealth: health,
      };
    }),
  } satisfies DescribeTargetHealthOutput;
};
