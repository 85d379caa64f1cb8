import type { DescribeListenersInput, DescribeListenersOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";
import { listenerOutput } from "../store.ts";
import { validation } from "../validate.ts";

export const describeListeners = ({ store }: ElbDeps) => (input: DescribeListenersInput) => {
  if (!input.LoadBalancerArn && !input.ListenerArns?.length) throw validation("You must specify either listener ARNs or a load balancer ARN");
  const all = input.ListenerArns?.length
    ? input.ListenerArns.map((arn) => store.listener(arn))
    : store.listenersOf(store.loadBalancer(input.LoadBalancerArn!).LoadBalancerArn);
  return { Listeners: all.map(listenerOutput) } satisfies DescribeListenersOutput;
};
