// Cloud Map records. Namespaces, services and instances are keyed by account/region and id;
// operations (returned by the asynchronous calls) complete at once with SUCCESS.
import { randomBytes, randomUUID } from "node:crypto";
import { AwsError } from "../../core/errors.ts";
import type { RequestContext } from "../../core/service.ts";
import { type StateDb, scopedKey } from "../../core/state.ts";

export type NamespaceType = "DNS_PRIVATE" | "DNS_PUBLIC" | "HTTP";

export interface NamespaceRecord {
  accountId: string;
  region: string;
  Id: string;
  Arn: string;
  Name: string;
  Type: NamespaceType;
  Description?: string;
  HostedZoneId?: string;
  HttpName: string;
  CreateDate: number;
  CreatorRequestId?: string;
  Tags: { Key: string; Value: string }[];
}

export interface ServiceRecord {
  accountId: string;
  region: string;
  Id: string;
  Arn: string;
  Name: string;
  NamespaceId: string;
  Description?: string;
  DnsConfig?: Record<string, unknown>;
  HealthCheckConfig?: object;
  HealthCheckCustomConfig?: object;
  Type?: string;
  CreateDate: number;
  CreatorRequestId?: string;
  Tags: { Key: string; Value: string }[];
}

export interface InstanceRecord {
  serviceKey: string;
  Id: string;
  Attributes: Record<string, string>;
  CreatorRequestId?: string;
  /** Custom health status (UpdateInstanceCustomHealthStatus); HEALTHY by default. */
  HealthStatus: "HEALTHY" | "UNHEALTHY";
}

export interface OperationRecord {
  Id: string;
  Type: string;
  Status: "SUCCESS" | "FAIL" | "SUBMITTED" | "PENDING";
  CreateDate: number;
  UpdateDate: number;
  Targets: Record<string, string>;
}

const shortId = (prefix: string) => `${prefix}-${randomBytes(8).toString("hex").slice(0, 16)}`;

export class CloudMapStore {
  readonly namespaces;
  readonly services;
  readonly instances;
  readonly operations;

  constructor(state: StateDb) {
    this.namespaces = state.map<NamespaceRecord>("servicediscovery.namespaces");
    this.services = state.map<ServiceRecord>("servicediscovery.services");
    this.instances = state.map<InstanceRecord>("servicediscovery.instances");
    this.operations = state.map<OperationRecord>("servicediscovery.operations");
  }

  newNamespaceId = () => shortId("ns");
  newServiceId = () => shortId("srv");

  /** Records a finished operation, as every Cloud Map mutation here completes synchronously. */
  operation(ctx: RequestContext, type: string, targets: Record<string, string>): string {
    const id = randomUUID().replace(/-/g, "").slice(0, 32);
    const now = Date.now();
    this.operations.set(scopedKey(ctx, id), { Id: id, Type: type, Status: "SUCCESS", CreateDate: now, UpdateDate: now, Targets: targets });
    return id;
  }

  namespace(ctx: { accountId: string; region: string }, idOrArn: string): NamespaceRecord {
    const id = idOrArn.includes(":") ? idOrArn.split("/").pop()! : idOrArn;
    const hit = this.namespaces.get(scopedKey(ctx, id));
    if (!hit) throw new AwsError("NamespaceNotFound", `Namespace not found: ${idOrArn}`, 400);
    return hit;
  }

  namespaceByName(ctx: { accountId: string; region: string }, name: string): NamespaceRecord | undefined {
    for (const ns of this.namespaces.values()) if (ns.accountId === ctx.accountId && ns.region === ctx.region && ns.Name === name) return ns;
    return undefined;
  }

  service(ctx: { accountId: string; region: string }, idOrArn: string): ServiceRecord {
    const id = idOrArn.includes(":") ? idOrArn.split("/").pop()! : idOrArn;
    const hit = this.services.get(scopedKey(ctx, id));
    if (!hit) throw new AwsError("ServiceNotFound", `Service not found: ${idOrArn}`, 400);
    return hit;
  }

  servicesIn(namespaceId: string, ctx: { accountId: string; region: string }): ServiceRecord[] {
    return [...this.services.values()].filter((s) => s.NamespaceId === namespaceId && s.accountId === ctx.accountId && s.region === ctx.region);
  }

  instancesOf(serviceKey: string): InstanceRecord[] {
    return [...this.instances.values()].filter((i) => i.serviceKey === serviceKey);
  }

  instanceKey = (serviceKey: string, instanceId: string) => `${serviceKey}/${instanceId}`;
  serviceKey = (s: ServiceRecord) => scopedKey(s, s.Id);

  /** Tagged resources by ARN, for TagResource and friends. */
  taggable(arn: string): { Tags: { Key: string; Value: string }[] } & (NamespaceRecord | ServiceRecord) {
    for (const r of this.namespaces.values()) if (r.Arn === arn) return r;
    for (const r of this.services.values()) if (r.Arn === arn) return r;
    throw new AwsError("ResourceNotFoundException", `Resource not found: ${arn}`, 400);
  }

  saveTaggable(r: NamespaceRecord | ServiceRecord) {
    if (r.Id.startsWith("ns-")) this.namespaces.set(scopedKey(r, r.Id), r as NamespaceRecord);
    else this.services.set(scopedKey(r, r.Id), r as ServiceRecord);
  }
}

export const namespaceOutput = (ns: NamespaceRecord, serviceCount: number) => ({
  Id: ns.Id,
  Arn: ns.Arn,
  Name: ns.Name,
  Type: ns.Type,
  Description: ns.Description,
  ServiceCount: serviceCount,
  CreateDate: new Date(ns.CreateDate),
  CreatorRequestId: ns.CreatorRequestId,
  ResourceOwner: ns.accountId,
  Properties: {
    DnsProperties: ns.HostedZoneId ? { HostedZoneId: ns.HostedZoneId, SOA: { TTL: 15 } } : undefined,
    HttpProperties: { HttpName: ns.HttpName },
  },
});

export const serviceOutput = (s: ServiceRecord, instanceCount: number) => ({
  Id: s.Id,
  Arn: s.Arn,
  Name: s.Name,
  NamespaceId: s.NamespaceId,
  Description: s.Description,
  InstanceCount: instanceCount,
  DnsConfig: s.DnsConfig as any,
  HealthCheckConfig: s.HealthCheckConfig as any,
  HealthCheckCustomConfig: s.HealthCheckCustomConfig as any,
  Type: s.Type as any,
  CreateDate: new Date(s.CreateDate),
  CreatorRequestId: s.CreatorRequestId,
  ResourceOwner: s.accountId,
});
