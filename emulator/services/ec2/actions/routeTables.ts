import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { applyFilters, dependencyViolation, type Ec2Store, ec2Id, getRecord, putRecord, records, specTags, view } from "../store.ts";

type Route = { DestinationCidrBlock: string; GatewayId?: string; NatGatewayId?: string; State: string; Origin: string };
type Association = { RouteTableAssociationId: string; RouteTableId: string; SubnetId?: string; Main: boolean };

export function createRouteTable(input: any, ctx: RequestContext, store: Ec2Store) {
  const vpc = getRecord(store, ctx, "vpc", input.VpcId);
  const id = ec2Id("rtb");
  const routes: Route[] = [{ DestinationCidrBlock: String(vpc.CidrBlock), GatewayId: "local", State: "active", Origin: "CreateRouteTable" }];
  return { RouteTable: view(putRecord(store, ctx, { id, kind: "rtb", RouteTableId: id, VpcId: vpc.id, OwnerId: ctx.accountId, Routes: routes, Associations: [], Tags: specTags(input) })) };
}

export function deleteRouteTable(input: any, ctx: RequestContext, store: Ec2Store) {
  const t = getRecord(store, ctx, "rtb", input.RouteTableId);
  if ((t.Associations as Association[]).length) throw dependencyViolation("routeTable", t.id);
  store.delete(scopedKey(ctx, t.id));
  return {};
}

export function createRoute(input: any, ctx: RequestContext, store: Ec2Store) {
  const t = getRecord(store, ctx, "rtb", input.RouteTableId);
  const routes = t.Routes as Route[];
  if (routes.some((r) => r.DestinationCidrBlock === input.DestinationCidrBlock)) {
    throw new AwsError("RouteAlreadyExists", `The route identified by ${input.DestinationCidrBlock} already exists.`);
  }
  if (input.GatewayId) getRecord(store, ctx, "igw", input.GatewayId);
  routes.push({ DestinationCidrBlock: input.DestinationCidrBlock, GatewayId: input.GatewayId, NatGatewayId: input.NatGatewayId, State: "active", Origin: "CreateRoute" });
  putRecord(store, ctx, t);
  return { Return: true };
}

export function deleteRoute(input: any, ctx: RequestContext, store: Ec2Store) {
  const t = getRecord(store, ctx, "rtb", input.RouteTableId);
  const routes = t.Routes as Route[];
  if (!routes.some((r) => r.DestinationCidrBlock === input.DestinationCidrBlock)) {
    throw new AwsError("InvalidRoute.NotFound", `no route with destination-cidr-block ${input.DestinationCidrBlock} in route table ${t.id}`);
  }
  t.Routes = routes.filter((r) => r.DestinationCidrBlock !== input.DestinationCidrBlock);
  putRecord(store, ctx, t);
  return {};
}

export function associateRouteTable(input: any, ctx: RequestContext, store: Ec2Store) {
  const t = getRecord(store, ctx, "rtb", input.RouteTableId);
  const subnet = getRecord(store, ctx, "subnet", input.SubnetId);
  const AssociationId = ec2Id("rtbassoc");
  (t.Associations as Association[]).push({ RouteTableAssociationId: AssociationId, RouteTableId: t.id, SubnetId: subnet.id, Main: false });
  putRecord(store, ctx, t);
  return { AssociationId, AssociationState: { State: "associated" } };
}

export function disassociateRouteTable(input: any, ctx: RequestContext, store: Ec2Store) {
  const t = records(store, ctx, "rtb").find((x) => (x.Associations as Association[]).some((a) => a.RouteTableAssociationId === input.AssociationId));
  if (!t) throw new AwsError("InvalidAssociationID.NotFound", `The association ID '${input.AssociationId}' does not exist`);
  t.Associations = (t.Associations as Association[]).filter((a) => a.RouteTableAssociationId !== input.AssociationId);
  putRecord(store, ctx, t);
  return {};
}

export function describeRouteTables(input: any, ctx: RequestContext, store: Ec2Store) {
  return { RouteTables: applyFilters(records(store, ctx, "rtb"), input.RouteTableIds, input.Filters).map(view) };
}
