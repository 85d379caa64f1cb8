import type { CreateServiceRequest, CreateServiceResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import { type CloudMapStore, serviceOutput } from "../store.ts";

export const createService = (store: CloudMapStore) => (input: CreateServiceRequest, ctx: RequestContext) => {
  const name = input.Name ?? "";
  if (!/^((?=^.{1,127}$)^([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9])(\.([a-zA-Z0-9_][a-zA-Z0-9-_]{0,61}[a-zA-Z0-9_]|[a-zA-Z0-9]))*)$/.test(name)) {
    throw new AwsError("InvalidInput", `Invalid service name: ${name}`, 400);
  }
  const nsId = input.NamespaceId ?? (input.DnsConfig as { NamespaceId?: string } | undefined)?.NamespaceId;
  if (!nsId) throw new AwsError("InvalidInput", "NamespaceId is required.", 400);
  const ns = store.namespace(ctx, nsId);
  const dup = store.servicesIn(ns.Id, ctx).find((s) => s.Name === name);
  if (dup) {
    if (input.CreatorRequestId && dup.CreatorRequestId === input.CreatorRequestId) return { Service: serviceOutput(dup, 0) };
    throw Object.assign(new AwsError("ServiceAlreadyExists", `Service ${name} already exists in ${ns.Id}.`, 400), { ServiceId: dup.Id });
  }
  if (input.DnsConfig && ns.Type === "HTTP") throw new AwsError("InvalidInput", "DnsConfig is not valid for an HTTP namespace.", 400);
  const id = store.newServiceId();
  const rec = store.services.set(scopedKey(ctx, id), {
    accountId: ctx.accountId,
    region: ctx.region,
    Id: id,
    Arn: `arn:aws:servicediscovery:${ctx.region}:${ctx.accountId}:service/${id}`,
    Name: name,
    NamespaceId: ns.Id,
    Description: input.Description,
    DnsConfig: input.DnsConfig ? { ...input.DnsConfig, NamespaceId: undefined } : undefined,
    HealthCheckConfig: input.HealthCheckConfig,
    HealthCheckCustomConfig: input.HealthCheckCustomConfig,
    Type: input.Type ?? (ns.Type === "HTTP" ? "HTTP" : "DNS_HTTP"),
    CreateDate: Date.now(),
    CreatorRequestId: input.CreatorRequestId,
    Tags: (input.Tags ?? []).map((t) => ({ Key: t.Key ?? "", Value: t.Value ?? "" })),
  });
  return { Service: serviceOutput(rec, 0) } satisfies CreateServiceResponse;
};
