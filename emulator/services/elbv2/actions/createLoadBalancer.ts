import type { CreateLoadBalancerInput, CreateLoadBalancerOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { hex16, LOAD_BALANCER_DEFAULT_ATTRIBUTES, loadBalancerOutput } from "../store.ts";
import { checkName, validation } from "../validate.ts";

// DNSName is "localhost": the local listener answers on 127.0.0.1 at the listener's port.
export const createLoadBalancer = ({ store }: ElbDeps) => (input: CreateLoadBalancerInput, ctx: RequestContext) => {
  checkName("Load balancer", input.Name);
  const type = input.Type ?? "application";
  if (type !== "application") throw validation(`Load balancer type '${type}' is not supported locally; use 'application'`);
  const existing = store.inScope(store.loadBalancers.values(), ctx).find((lb) => lb.LoadBalancerName === input.Name);
  if (existing) {
    // Same name and settings returns the existing load balancer, as AWS does.
    if ((input.Scheme ?? "internet-facing") === existing.Scheme) return { LoadBalancers: [loadBalancerOutput(existing)] };
    throw new AwsError("DuplicateLoadBalancerName", `A load balancer with the name '${input.Name}' already exists`, 400);
  }
  const subnets = input.Subnets ?? (input.SubnetMappings ?? []).map((m) => m.SubnetId ?? "");
  const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.accountId}:loadbalancer/app/${input.Name}/${hex16()}`;
  const lb = store.loadBalancers.set(arn, {
    accountId: ctx.accountId,
    region: ctx.region,
    LoadBalancerArn: arn,
    LoadBalancerName: input.Name!,
    DNSName: "localhost",
    Scheme: input.Scheme ?? "internet-facing",
    Type: "application",
    IpAddressType: input.IpAddressType ?? "ipv4",
    VpcId: "vpc-local",
    Subnets: subnets,
    SecurityGroups: input.SecurityGroups ?? [],
    CreatedTime: Date.now(),
    Tags: input.Tags ?? [],
    Attributes: { ...LOAD_BALANCER_DEFAULT_ATTRIBUTES },
  });
  return { LoadBalancers: [loadBalancerOutput(lb)] } satisfies CreateLoadBalancerOutput;
};
