import type { DeleteLoadBalancerInput, DeleteLoadBalancerOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";

// Deleting a load balancer deletes its listeners and rules and closes their ports.
export const deleteLoadBalancer = ({ store, alb }: ElbDeps) => async (input: DeleteLoadBalancerInput) => {
  const lb = store.loadBalancer(input.LoadBalancerArn ?? "");
  for (const l of store.listenersOf(lb.LoadBalancerArn)) {
    for (const r of store.rulesOf(l.ListenerArn)) store.rules.delete(r.RuleArn);
    store.listeners.delete(l.ListenerArn);
    await alb.closeListener(l.ListenerArn);
  }
  store.loadBalancers.delete(lb.LoadBalancerArn);
  return {} satisfies DeleteLoadBalancerOutput;
};
