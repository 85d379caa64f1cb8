import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { applyFilters, dependencyViolation, type Ec2Store, ec2Id, getRecord, putRecord, records, specTags, view } from "../store.ts";
import { scopedKey } from "../../../core/state.ts";

export function createVpc(input: any, ctx: RequestContext, store: Ec2Store) {
  const id = ec2Id("vpc");
  const cidr = String(input.CidrBlock ?? "");
  if (!/^\d+\.\d+\.\d+\.\d+\/\d+$/.test(cidr)) throw invalidCidr(cidr);
  const vpc = putRecord(store, ctx, {
    id,
    kind: "vpc",
    VpcId: id,
    CidrBlock: cidr,
    State: "available",
    IsDefault: false,
    InstanceTenancy: input.InstanceTenancy ?? "default",
    DhcpOptionsId: "dopt-00000000",
    OwnerId: ctx.accountId,
    CidrBlockAssociationSet: [{ AssociationId: ec2Id("vpc-cidr-assoc"), CidrBlock: cidr, CidrBlockState: { State: "associated" } }],
    Tags: specTags(input),
  });
  // Every VPC gets a default security group. https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
  const sgId = ec2Id("sg");
  putRecord(store, ctx, { id: sgId, kind: "sg", GroupId: sgId, GroupName: "default", Description: "default VPC security group", VpcId: id, OwnerId: ctx.accountId, IpPermissions: [], IpPermissionsEgress: [{ IpProtocol: "-1", IpRanges: [{ CidrIp: "0.0.0.0/0" }] }], Tags: [], isDefault: true });
  return { Vpc: view(vpc) };
}

const invalidCidr = (cidr: string) => new AwsError("InvalidParameterValue", `Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`, 400);

export function deleteVpc(input: any, ctx: RequestContext, store: Ec2Store) {
  const vpc = getRecord(store, ctx, "vpc", input.VpcId);
  const dependents = [...store.values()].filter((r) => r.id !== vpc.id && (r.VpcId === vpc.id || (r.Attachments as { VpcId: string }[] | undefined)?.some((a) => a.VpcId === vpc.id)) && !r.isDefault);
  if (dependents.length) throw dependencyViolation("vpc", vpc.id);
  for (const sg of records(store, ctx, "sg")) if (sg.VpcId === vpc.id) store.delete(scopedKey(ctx, sg.id));
  store.delete(scopedKey(ctx, vpc.id));
  return {};
}

export function describeVpcs(input: any, ctx: RequestContext, store: Ec2Store) {
  const ids: string[] | undefined = input.VpcIds;
  for (const id of ids ?? []) getRecord(store, ctx, "vpc", id);
  return { Vpcs: applyFilters(records(store, ctx, "vpc"), ids, input.Filters).map(view) };
}

export function createTags(input: any, ctx: RequestContext, store: Ec2Store) {
  for (const id of input.Resources ?? []) {
    const r = store.get(scopedKey(ctx, id));
    if (!r) continue;
    for (const t of input.Tags ?? []) {
      r.Tags = [...r.Tags.filter((x) => x.Key !== t.Key), t];
    }
    putRecord(store, ctx, r);
  }
  return {};
}
