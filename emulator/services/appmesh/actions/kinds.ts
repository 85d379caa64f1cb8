// The five App Mesh kinds: what each spec must name and what holds each one.
// https://docs.aws.amazon.com/app-mesh/latest/userguide/
import { type AppMeshStore, badRequest, type MeshResource, notFound, type Scope } from "../store.ts";
import type { KindDef } from "./crud.ts";

const PROTOCOLS = ["http", "http2", "grpc", "tcp"];

function checkPortMapping(pm: any, where: string) {
  const port = Number(pm?.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw badRequest(`${where}.portMapping.port must be 1-65535.`);
  if (!PROTOCOLS.includes(pm?.protocol)) throw badRequest(`${where}.portMapping.protocol must be one of ${PROTOCOLS.join(", ")}.`);
}

export const mesh: KindDef = {
  kind: "mesh",
  nameField: "meshName",
  outputField: "mesh",
  listField: "meshes",
  validate: (_s, _scope, _m, spec) => spec,
  heldBy: (store, r) => {
    const inside = (["virtualNode", "virtualService", "virtualRouter"] as const).flatMap((k) => store.list(r, k, r.meshName));
    return inside.length ? `Mesh ${r.meshName} still contains ${inside.length} resources; delete them first.` : undefined;
  },
};

export const virtualNode: KindDef = {
  kind: "virtualNode",
  nameField: "virtualNodeName",
  outputField: "virtualNode",
  listField: "virtualNodes",
  validate: (_store, _scope, _mesh, spec) => {
    (spec.listeners ?? []).forEach((l: any, i: number) => {
      checkPortMapping(l.portMapping, `spec.listeners[${i}]`);
      const od = l.outlierDetection;
      if (od && !(od.maxServerErrors >= 1 && od.interval && od.baseEjectionDuration && od.maxEjectionPercent >= 0)) {
        throw badRequest("outlierDetection needs maxServerErrors, interval, baseEjectionDuration and maxEjectionPercent.");
      }
    });
    for (const b of spec.backends ?? []) {
      if (!b.virtualService?.virtualServiceName) throw badRequest("Each backend must name a virtualService.virtualServiceName.");
    }
    return spec;
  },
  heldBy: (store, r) => {
    const provider = store.list(r, "virtualService", r.meshName).find((vs) => vs.spec.provider?.virtualNode?.virtualNodeName === r.name);
    if (provider) return `VirtualNode ${r.name} is the provider of VirtualService ${provider.name}.`;
    const route = store.list(r, "route", r.meshName).find((rt) => weightedTargets(rt).some((t: any) => t.virtualNode === r.name));
    if (route) return `VirtualNode ${r.name} is a target of Route ${route.name}.`;
    return undefined;
  },
};

export const virtualService: KindDef = {
  kind: "virtualService",
  nameField: "virtualServiceName",
  outputField: "virtualService",
  listField: "virtualServices",
  validate: (store, scope, mesh, spec) => {
    const p = spec.provider;
    if (p?.virtualNode && p?.virtualRouter) throw badRequest("A virtual service has one provider: virtualNode or virtualRouter.");
    if (p?.virtualNode) store.require(scope, "virtualNode", mesh, p.virtualNode.virtualNodeName ?? "");
    if (p?.virtualRouter) store.require(scope, "virtualRouter", mesh, p.virtualRouter.virtualRouterName ?? "");
    return spec;
  },
};

export const virtualRouter: KindDef = {
  kind: "virtualRouter",
  nameField: "virtualRouterName",
  outputField: "virtualRouter",
  listField: "virtualRouters",
  validate: (_store, _scope, _mesh, spec) => {
    const listeners = spec.listeners ?? [];
    if (listeners.length !== 1) throw badRequest("A virtual router needs exactly one listener.");
    checkPortMapping(listeners[0].portMapping, "spec.listeners[0]");
    return spec;
  },
  heldBy: (store, r) => {
    const routes = store.list(r, "route", r.meshName, r.name);
    if (routes.length) return `VirtualRouter ${r.name} still has ${routes.length} routes.`;
    const vs = store.list(r, "virtualService", r.meshName).find((v) => v.spec.provider?.virtualRouter?.virtualRouterName === r.name);
    return vs ? `VirtualRouter ${r.name} is the provider of VirtualService ${vs.name}.` : undefined;
  },
};

const ROUTE_TYPES = ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"];

/** The weighted targets of a route, whatever its protocol. */
export function weightedTargets(route: MeshResource): any[] {
  const t = ROUTE_TYPES.map((k) => route.spec[k]).find(Boolean);
  return t?.action?.weightedTargets ?? [];
}

export const route: KindDef = {
  kind: "route",
  nameField: "routeName",
  outputField: "route",
  listField: "routes",
  validate: (store: AppMeshStore, scope: Scope, mesh: string, spec) => {
    const present = ROUTE_TYPES.filter((k) => spec[k]);
    if (present.length !== 1) throw badRequest("A route spec has exactly one of httpRoute, http2Route, grpcRoute or tcpRoute.");
    const body = spec[present[0]];
    const targets = body.action?.weightedTargets ?? [];
    if (targets.length < 1 || targets.length > 10) throw badRequest("action.weightedTargets must list 1 to 10 targets.");
    for (const t of targets) {
      const w = Number(t.weight);
      if (!Number.isInteger(w) || w < 0 || w > 100) throw badRequest("Each weight must be an integer from 0 to 100.");
      if (!store.get(scope, "virtualNode", mesh, t.virtualNode ?? "")) throw notFound(`VirtualNode ${t.virtualNode} in mesh ${mesh}`);
    }
    if (present[0] !== "tcpRoute" && present[0] !== "grpcRoute") {
      const m = body.match ?? {};
      if (m.prefix !== undefined && !String(m.prefix).startsWith("/")) throw badRequest("match.prefix must start with '/'.");
      if (m.prefix === undefined && m.path === undefined) throw badRequest("An HTTP route match needs a prefix or a path.");
    }
    if (spec.priority !== undefined && (spec.priority < 0 || spec.priority > 1000)) throw badRequest("priority must be 0-1000.");
    return spec;
  },
};

export const KINDS = [mesh, virtualNode, virtualService, virtualRouter, route];
