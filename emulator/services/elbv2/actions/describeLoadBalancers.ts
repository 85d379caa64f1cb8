import type { DescribeLoadBalancersInput, DescribeLoadBalancersOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { loadBalancerOutput } from "../store.ts";

export const describeLoadBalancers = ({ store }: ElbDeps) => (input: DescribeLoadBalancersInput, ctx: RequestContext) => {
  let all = store.inScope(store.loadBalancers.values(), ctx);
  if (input.LoadBalancerArns?.length) all = input.LoadBalancerArns.map((arn) => store.loadBalancer(arn));
  if (input.Names?.length) {
    all = input.Names.map((n) => {
      const lb = all.find((x) => x.LoadBalancerName === n);
      if (!lb) throw new AwsError("LoadBalancerNotFound", `Load balancers '[${n}]' not found`, 400);
      return lb;
    });
  }
  return { LoadBalancers: all.map(loadBalancerOutput) } satisfies DescribeLoadBalancersOutput;
};
