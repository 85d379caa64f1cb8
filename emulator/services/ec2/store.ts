// EC2 networking as records (no packets flow): VPCs, subnets, internet gateways, route
// tables and security groups, with AWS-looking ids and AWS's dependency rules on delete.
import { randomBytes } from "node:crypto";
import { AwsError } from "../../core/errors.ts";
import type { RequestContext } from "../../core/service.ts";
import { scopedKey, type StateDb } from "../../core/state.ts";

export type Kind = "vpc" | "subnet" | "igw" | "rtb" | "sg";

export interface Ec2Record {
  id: string;
  kind: Kind;
  VpcId?: string;
  Tags: { Key: string; Value: string }[];
  [field: string]: unknown;
}

export const createEc2Store = (state: StateDb) => state.map<Ec2Record>("ec2.resources");
export type Ec2Store = ReturnType<typeof createEc2Store>;

/** AWS's 17-hex-digit resource ids: vpc-0a1b2c3d4e5f67890. */
export const ec2Id = (prefix: string) => `${prefix}-0${randomBytes(8).toString("hex")}`;

// Error codes from https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html
const NOT_FOUND: Record<Kind, string> = {
  vpc: "InvalidVpcID.NotFound",
  subnet: "InvalidSubnetID.NotFound",
  igw: "InvalidInternetGatewayID.NotFound",
  rtb: "InvalidRouteTableID.NotFound",
  sg: "InvalidGroup.NotFound",
};

export function getRecord(store: Ec2Store, ctx: RequestContext, kind: Kind, id: string | undefined): Ec2Record {
  const r = id ? store.get(scopedKey(ctx, id)) : undefined;
  if (!r || r.kind !== kind) throw new AwsError(NOT_FOUND[kind], `The ${kind} ID '${id}' does not exist`, 400);
  return r;
}

export function putRecord(store: Ec2Store, ctx: RequestContext, r: Ec2Record): Ec2Record {
  return store.set(scopedKey(ctx, r.id), r);
}

export function records(store: Ec2Store, ctx: RequestContext, kind: Kind): Ec2Record[] {
  const prefix = scopedKey(ctx, "");
  return [...store.entries()].filter(([k, r]) => k.startsWith(prefix) && r.kind === kind).map(([, r]) => r);
}

export function dependencyViolation(kind: string, id: string): AwsError {
  return new AwsError("DependencyViolation", `The ${kind} '${id}' has dependencies and cannot be deleted.`, 400);
}

/** Tags from CreateXxx's TagSpecifications. */
export const specTags = (input: { TagSpecifications?: { Tags?: { Key: string; Value: string }[] }[] }) => (input.TagSpecifications ?? []).flatMap((s) => s.Tags ?? []);

/** Describe filters: `Name` is a field (or tag:Key), `Values` any of. */
export function applyFilters(list: Ec2Record[], ids: string[] | undefined, filters: { Name?: string; Values?: string[] }[] | undefined): Ec2Record[] {
  return list.filter(
    (r) =>
      (!ids?.length || ids.includes(r.id)) &&
      (filters ?? []).every((f) => {
        const name = f.Name ?? "";
        // "group-name" filters the GroupName field, "tag:lab" the tag lab.
        const field = name.split("-").map((w) => w[0]?.toUpperCase() + w.slice(1)).join("");
        const v = name.startsWith("tag:") ? r.Tags.find((t) => t.Key === name.slice(4))?.Value : r[field] === undefined ? undefined : String(r[field]);
        return v !== undefined && (f.Values ?? []).includes(v);
      }),
  );
}

/** A record as its Describe output shape (internal fields stripped). */
export function view(r: Ec2Record): Record<string, unknown> {
  const { id: _id, kind: _kind, ...rest } = r;
  return rest;
}
