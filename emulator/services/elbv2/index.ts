// Elastic Load Balancing v2 (application load balancers). The records live here; the
// listeners, routing and health checks run in emulator/runtime/alb.
import * as schemas from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ServiceModule } from "../../core/service.ts";
import { describeLoadBalancerAttributes, describeTargetGroupAttributes, modifyLoadBalancerAttributes, modifyTargetGroupAttributes } from "./actions/attributes.ts";
import { createListener } from "./actions/createListener.ts";
import { createLoadBalancer } from "./actions/createLoadBalancer.ts";
import { createRule } from "./actions/createRule.ts";
import { createTargetGroup } from "./actions/createTargetGroup.ts";
import { deleteListener } from "./actions/deleteListener.ts";
import { deleteLoadBalancer } from "./actions/deleteLoadBalancer.ts";
import { deleteRule } from "./actions/deleteRule.ts";
import { deleteTargetGroup } from "./actions/deleteTargetGroup.ts";
import { deregisterTargets } from "./actions/deregisterTargets.ts";
import { describeListeners } from "./actions/describeListeners.ts";
import { describeLoadBalancers } from "./actions/describeLoadBalancers.ts";
import { describeRules } from "./actions/describeRules.ts";
import { describeTargetGroups } from "./actions/describeTargetGroups.ts";
import { describeTargetHealth } from "./actions/describeTargetHealth.ts";
import { modifyListener } from "./actions/modifyListener.ts";
import { modifyRule } from "./actions/modifyRule.ts";
import { modifyTargetGroup } from "./actions/modifyTargetGroup.ts";
import { registerTargets } from "./actions/registerTargets.ts";
import { setRulePriorities } from "./actions/setRulePriorities.ts";
import { addTags, describeTags, removeTags } from "./actions/tags.ts";
import type { ElbDeps } from "./deps.ts";

export function elbv2(deps: ElbDeps): ServiceModule {
  const { store, alb } = deps;
  return {
    name: "elbv2",
    signingNames: ["elasticloadbalancing"],
    protocols: ["query"],
    xmlNamespace: "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/",
    schemas,
    operations: {
      CreateLoadBalancer: createLoadBalancer(deps),
      DescribeLoadBalancers: describeLoadBalancers(deps),
      DeleteLoadBalancer: deleteLoadBalancer(deps),
      DescribeLoadBalancerAttributes: describeLoadBalancerAttributes(deps),
      ModifyLoadBalancerAttributes: modifyLoadBalancerAttributes(deps),
      CreateTargetGroup: createTargetGroup(deps),
      DescribeTargetGroups: describeTargetGroups(deps),
      ModifyTargetGroup: modifyTargetGroup(deps),
      DeleteTargetGroup: deleteTargetGroup(deps),
      DescribeTargetGroupAttributes: describeTargetGroupAttributes(deps),
      ModifyTargetGroupAttributes: modifyTargetGroupAttributes(deps),
      RegisterTargets: registerTargets(deps),
      DeregisterTargets: deregisterTargets(deps),
      DescribeTargetHealth: describeTargetHealth(deps),
      CreateListener: createListener(deps),
      DescribeListeners: describeListeners(deps),
      ModifyListener: modifyListener(deps),
      DeleteListener: deleteListener(deps),
      CreateRule: createRule(deps),
      DescribeRules: describeRules(deps),
      ModifyRule: modifyRule(deps),
      SetRulePriorities: setRulePriorities(deps),
      DeleteRule: deleteRule(deps),
      AddTags: addTags(deps),
      RemoveTags: removeTags(deps),
      DescribeTags: describeTags(deps),
    },
    lab: {
      "GET /alb/listeners": () =>
        [...store.listeners.values()].map((l) => ({
          listenerArn: l.ListenerArn,
          loadBalancerArn: l.LoadBalancerArn,
          url: `http://127.0.0.1:${l.Port}`,
          listening: alb.isListening(l.ListenerArn),
          targetGroups: [...store.targetGroups.values()]
            .filter((tg) => store.loadBalancerArnsOf(tg.TargetGroupArn).includes(l.LoadBalancerArn))
            .map((tg) => ({ targetGroupArn: tg.TargetGroupArn, name: tg.TargetGroupName, targets: alb.health.targets(tg.TargetGroupArn) })),
        })),
    },
    start: () => alb.start(),
    stop: () => alb.stop(),
    reset: () => alb.stop(),
  };
}
