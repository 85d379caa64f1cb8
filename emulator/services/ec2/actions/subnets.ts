import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { applyFilters, dependencyViolation, type Ec2Store, ec2Id, getRecord, putRecord, records, specTags, view } from "../store.ts";

export function createSubnet(input: any, ctx: RequestContext, store: Ec2Store) {
  const vpc = getRecord(store, ctx, "vpc", input.VpcId);
  const id = ec2Id("subnet");
  const subnet = putRecord(store, ctx, {
    id,
    kind: "subnet",
    SubnetId: id,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${id}`,
    VpcId: vpc.id,
    CidrBlock: input.CidrBlock,
    AvailabilityZone: input.AvailabilityZone ?? `${ctx.region}a`,
    AvailableIpAddressCount: 251,
    MapPublicIpOnLaunch: Boolean(input.MapPublicIpOnLaunch),
    State: "available",
    OwnerId: ctx.accountId,
    Tags: specTags(input),
  });
  return { Subnet: view(subnet) };
}

export function modifySubnetAttribute(input: any, ctx: RequestContext, store: Ec2Store) {
  const s = getRecord(store, ctx, "subnet", input.SubnetId);
  if (input.MapPublicIpOnLaunch) s.MapPublicIpOnLaunch = Boolean(input.MapPublicIpOnLaunch.Value);
  putRecord(store, ctx, s);
  return {};
}

export function deleteSubnet(input: any, ctx: RequestContext, store: Ec2Store) {
  const s = getRecord(store, ctx, "subnet", input.SubnetId);
  const associated = records(store, ctx, "rtb").some((t) => (t.Associations as { SubnetId?: string }[]).some((a) => a.SubnetId === s.id));
  if (associated) throw dependencyViolation("subnet", s.id);
  store.delete(scopedKey(ctx, s.id));
  return {};
}

export function describeSubnets(input: any, ctx: RequestContext, store: Ec2Store) {
  for (const id of input.SubnetIds ?? []) getRecord(store, ctx, "subnet", id);
  return { Subnets: applyFilters(records(store, ctx, "subnet"), input.SubnetIds, input.Filters).map(view) };
}
