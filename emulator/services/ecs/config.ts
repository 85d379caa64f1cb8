// Checks shared by CreateService and UpdateService: load balancers, Cloud Map registries and
// Service Connect, each against the owning service through its operations.
import type { LoadBalancer, ServiceConnectConfiguration, ServiceRegistry } from "@aws-sdk/client-ecs";
import { AwsError } from "../../core/errors.ts";
import type { RequestContext } from "../../core/service.ts";
import { type ClusterRecord, invalidParameter, type TaskDefinitionRecord } from "./store.ts";

const containerPorts = (td: TaskDefinitionRecord, name: string | undefined) =>
  td.containerDefinitions.find((cd) => cd.name === name)?.portMappings?.map((pm) => pm.containerPort) ?? [];

export async function checkLoadBalancers(ctx: RequestContext, td: TaskDefinitionRecord, lbs: LoadBalancer[]): Promise<LoadBalancer[]> {
  for (const lb of lbs) {
    if (!lb.targetGroupArn) throw invalidParameter("loadBalancers: only target groups (targetGroupArn) are supported for application load balancers.");
    const out = await ctx.emulator
      .call("elbv2", "DescribeTargetGroups", { TargetGroupArns: [lb.targetGroupArn] })
      .catch(() => {
        throw invalidParameter(`The target group with targetGroupArn ${lb.targetGroupArn} does not exist.`);
      });
    const tg = out.TargetGroups?.[0];
    if (!tg?.LoadBalancerArns?.length) throw invalidParameter(`The target group with targetGroupArn ${lb.targetGroupArn} does not have an associated load balancer.`);
    if (td.networkMode === "awsvpc" && tg.TargetType !== "ip") {
      throw invalidParameter(`The provided target group ${lb.targetGroupArn} has target type ${tg.TargetType}, which is incompatible with the awsvpc network mode specified in the task definition.`);
    }
    if (!td.containerDefinitions.some((cd) => cd.name === lb.containerName)) throw invalidParameter(`The container ${lb.containerName} does not exist in the task definition.`);
    if (!containerPorts(td, lb.containerName).includes(lb.containerPort)) {
      throw invalidParameter(`The container ${lb.containerName} did not have a container port ${lb.containerPort} defined.`);
    }
  }
  return lbs;
}

export async function checkRegistries(ctx: RequestContext, regs: ServiceRegistry[]): Promise<ServiceRegistry[]> {
  for (const r of regs) {
    const id = r.registryArn?.split("/").pop() ?? "";
    await ctx.emulator.call("servicediscovery", "GetService", { Id: id }).catch(() => {
      throw invalidParameter(`The service registry ${r.registryArn} does not exist.`);
    });
  }
  return regs;
}

export interface ResolvedServiceConnect {
  config: ServiceConnectConfiguration;
  namespace: { id: string; name: string; arn: string };
  resources: { discoveryName: string; discoveryArn: string }[];
}

/** Resolves the namespace (name or ARN, else the cluster default) and creates the Cloud Map services. */
export async function resolveServiceConnect(
  ctx: RequestContext,
  cluster: ClusterRecord,
  td: TaskDefinitionRecord,
  cfg: ServiceConnectConfiguration | undefined,
): Promise<ResolvedServiceConnect | undefined> {
  if (!cfg?.enabled) return undefined;
  const ref = cfg.namespace ?? cluster.serviceConnectDefaults?.namespace;
  if (!ref) throw invalidParameter("Service Connect needs a namespace: set serviceConnectConfiguration.namespace or the cluster's serviceConnectDefaults.");
  const notFound = () => new AwsError("NamespaceNotFoundException", `The namespace ${ref} was not found.`, 400);
  let ns: { Id: string; Name: string; Arn: string } | undefined;
  if (ref.startsWith("arn:")) {
    ns = (await ctx.emulator.call("servicediscovery", "GetNamespace", { Id: ref.split("/").pop() }).catch(() => undefined))?.Namespace;
  } else {
    const list = await ctx.emulator.call("servicediscovery", "ListNamespaces", { Filters: [{ Name: "NAME", Values: [ref], Condition: "EQ" }] });
    ns = list.Namespaces?.[0];
  }
  if (!ns) throw notFound();
  const portNames = td.containerDefinitions.flatMap((cd) => (cd.portMappings ?? []).map((pm) => pm.name).filter(Boolean));
  const resources: ResolvedServiceConnect["resources"] = [];
  for (const s of cfg.services ?? []) {
    if (!portNames.includes(s.portName)) throw invalidParameter(`Service Connect portName ${s.portName} does not match any port mapping name in the task definition.`);
    const discoveryName = s.discoveryName ?? s.portName!;
    const existing = await ctx.emulator.call("servicediscovery", "ListServices", { Filters: [{ Name: "NAMESPACE_ID", Values: [ns.Id], Condition: "EQ" }] });
    let arn: string | undefined = existing.Services?.find((x: { Name?: string }) => x.Name === discoveryName)?.Arn;
    if (!arn) arn = (await ctx.emulator.call("servicediscovery", "CreateService", { Name: discoveryName, NamespaceId: ns.Id })).Service.Arn;
    resources.push({ discoveryName, discoveryArn: arn! });
  }
  return { config: { ...cfg, namespace: ns.Arn }, namespace: { id: ns.Id, name: ns.Name, arn: ns.Arn }, resources };
}
