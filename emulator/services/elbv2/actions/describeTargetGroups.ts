import type { DescribeTargetGroupsInput, DescribeTargetGroupsOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { targetGroupOutput } from "../store.ts";

export const describeTargetGroups = ({ store }: ElbDeps) => (input: DescribeTargetGroupsInput, ctx: RequestContext) => {
  let all = store.inScope(store.targetGroups.values(), ctx);
  if (input.LoadBalancerArn) {
    store.loadBalancer(input.LoadBalancerArn);
    all = all.filter((tg) => store.loadBalancerArnsOf(tg.TargetGroupArn).includes(input.LoadBalancerArn!));
  }
  if (input.TargetGroupArns?.length) all = input.TargetGroupArns.map((arn) => store.targetGroup(arn));
  if (input.Names?.length) {
    all = input.Names.map((n) => {
      const tg = all.find((t) => t.TargetGroupName === n);
      if (!tg) throw new AwsError("TargetGroupNotFound", `Target groups '[${n}]' not found`, 400);
      return tg;
    });
  }
  return { TargetGroups: all.map((tg) => targetGroupOutput(store, tg)) } satisfies DescribeTargetGroupsOutput;
};
