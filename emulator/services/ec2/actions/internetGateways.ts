import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { applyFilters, dependencyViolation, type Ec2Store, ec2Id, getRecord, putRecord, records, specTags, view } from "../store.ts";

type Attachment = { VpcId: string; State: string };

export function createInternetGateway(input: any, ctx: RequestContext, store: Ec2Store) {
  const id = ec2Id("igw");
  return { InternetGateway: view(putRecord(store, ctx, { id, kind: "igw", InternetGatewayId: id, OwnerId: ctx.accountId, Attachments: [], Tags: specTags(input) })) };
}

export function attachInternetGateway(input: any, ctx: RequestContext, store: Ec2Store) {
  const igw = getRecord(store, ctx, "igw", input.InternetGatewayId);
  const vpc = getRecord(store, ctx, "vpc", input.VpcId);
  if ((igw.Attachments as Attachment[]).length) throw new AwsError("Resource.AlreadyAssociated", `resource ${igw.id} is already attached to network ${(igw.Attachments as Attachment[])[0].VpcId}`);
  igw.Attachments = [{ VpcId: vpc.id, State: "available" }];
  putRecord(store, ctx, igw);
  return {};
}

export function detachInternetGateway(input: any, ctx: RequestContext, store: Ec2Store) {
  const igw = getRecord(store, ctx, "igw", input.InternetGatewayId);
  if (!(igw.Attachments as Attachment[]).some((a) => a.VpcId === input.VpcId)) throw new AwsError("Gateway.NotAttached", `resource ${igw.id} is not attached to network ${input.VpcId}`);
  // A route through the gateway keeps it attached. https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DetachInternetGateway.html
  const routed = records(store, ctx, "rtb").some((t) => (t.Routes as { GatewayId?: string }[]).some((r) => r.GatewayId === igw.id));
  if (routed) throw dependencyViolation("internet gateway", igw.id);
  igw.Attachments = [];
  putRecord(store, ctx, igw);
  return {};
}

export function deleteInternetGateway(input: any, ctx: RequestContext, store: Ec2Store) {
  const igw = getRecord(store, ctx, "igw", input.InternetGatewayId);
  if ((igw.Attachments as Attachment[]).length) throw dependencyViolation("internetGateway", igw.id);
  store.delete(scopedKey(ctx, igw.id));
  return {};
}

export function describeInternetGateways(input: any, ctx: RequestContext, store: Ec2Store) {
  return { InternetGateways: applyFilters(records(store, ctx, "igw"), input.InternetGatewayIds, input.Filters).map(view) };
}
