// Describe/Modify LoadBalancerAttributes and TargetGroupAttributes: stored key/value pairs;
// idle_timeout.timeout_seconds and deregistration_delay.timeout_seconds take effect locally.
import type {
  DescribeLoadBalancerAttributesInput,
  DescribeLoadBalancerAttributesOutput,
  DescribeTargetGroupAttributesInput,
  DescribeTargetGroupAttributesOutput,
  ModifyLoadBalancerAttributesInput,
  ModifyLoadBalancerAttributesOutput,
  ModifyTargetGroupAttributesInput,
  ModifyTargetGroupAttributesOutput,
} from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";
import { validation } from "../validate.ts";

const pairs = (attrs: Record<string, string>) => Object.entries(attrs).map(([Key, Value]) => ({ Key, Value }));

function apply(attrs: Record<string, string>, changes: { Key?: string; Value?: string }[] | undefined) {
  for (const { Key, Value } of changes ?? []) {
    if (!Key) throw validation("Attribute key is required");
    attrs[Key] = Value ?? "";
  }
}

export const describeLoadBalancerAttributes = ({ store }: ElbDeps) => (input: DescribeLoadBalancerAttributesInput) =>
  ({ Attributes: pairs(store.loadBalancer(input.LoadBalancerArn ?? "").Attributes) }) satisfies DescribeLoadBalancerAttributesOutput;

export const modifyLoadBalancerAttributes = ({ store }: ElbDeps) => (input: ModifyLoadBalancerAttributesInput) => {
  const lb = store.loadBalancer(input.LoadBalancerArn ?? "");
  apply(lb.Attributes, input.Attributes);
  store.loadBalancers.set(lb.LoadBalancerArn, lb);
  return { Attributes: pairs(lb.Attributes) } satisfies ModifyLoadBalancerAttributesOutput;
};

export const describeTargetGroupAttributes = ({ store }: ElbDeps) => (input: DescribeTargetGroupAttributesInput) =>
  ({ Attributes: pairs(store.targetGroup(input.TargetGroupArn ?? "").Attributes) }) satisfies DescribeTargetGroupAttributesOutput;

export const modifyTargetGroupAttributes = ({ store }: ElbDeps) => (input: ModifyTargetGroupAttributesInput) => {
  const tg = store.targetGroup(input.TargetGroupArn ?? "");
  apply(tg.Attributes, input.Attributes);
  store.targetGroups.set(tg.TargetGroupArn, tg);
  return { Attributes: pairs(tg.Attributes) } satisfies ModifyTargetGroupAttributesOutput;
};
