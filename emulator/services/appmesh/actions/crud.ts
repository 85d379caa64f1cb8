// Create/Describe/Update/Delete/List for one App Mesh kind. Each kind supplies its spec
// checks and what keeps it from being deleted; the wire shapes are the same for all five.
// https://docs.aws.amazon.com/app-mesh/latest/APIReference/API_Operations.html
import type { RequestContext } from "../../../core/service.ts";
import { type AppMeshStore, badRequest, conflict, inUse, type Kind, type MeshResource, type Scope } from "../store.ts";

export interface KindDef {
  kind: Kind;
  /** Input/output member naming the resource, e.g. "virtualNodeName". */
  nameField: string;
  /** Output member holding the data, e.g. "virtualNode". */
  outputField: string;
  /** List output member, e.g. "virtualNodes" (and the List operation's suffix). */
  listField: string;
  /** Checks references and returns the spec to store. */
  validate(store: AppMeshStore, scope: Scope, mesh: string, spec: Record<string, any>, router?: string): Record<string, any>;
  /** Why this resource cannot be deleted now, if anything holds it. */
  heldBy?(store: AppMeshStore, r: MeshResource): string | undefined;
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,254}$/;

export function resourceData(r: MeshResource) {
  const out: Record<string, unknown> = {
    meshName: r.meshName,
    spec: r.spec,
    metadata: {
      arn: r.arn,
      version: r.version,
      uid: r.uid,
      createdAt: new Date(r.createdAt),
      lastUpdatedAt: new Date(r.lastUpdatedAt),
      meshOwner: r.accountId,
      resourceOwner: r.accountId,
    },
    status: { status: r.status },
  };
  if (r.kind !== "mesh") out[`${r.kind}Name`] = r.name;
  if (r.virtualRouterName) out.virtualRouterName = r.virtualRouterName;
  return out;
}

function resourceRef(r: MeshResource) {
  const out: Record<string, unknown> = {
    meshName: r.meshName,
    meshOwner: r.accountId,
    resourceOwner: r.accountId,
    arn: r.arn,
    version: r.version,
    createdAt: new Date(r.createdAt),
    lastUpdatedAt: new Date(r.lastUpdatedAt),
  };
  if (r.kind !== "mesh") out[`${r.kind}Name`] = r.name;
  if (r.virtualRouterName) out.virtualRouterName = r.virtualRouterName;
  return out;
}

type Input = Record<string, any>;

export function crudOperations(store: AppMeshStore, def: KindDef) {
  const names = (input: Input) => {
    const mesh = String(input.meshName ?? "");
    const name = def.kind === "mesh" ? mesh : String(input[def.nameField] ?? "");
    const router = def.kind === "route" ? String(input.virtualRouterName ?? "") : undefined;
    return { mesh, name, router };
  };
  const cap = def.outputField[0].toUpperCase() + def.outputField.slice(1);
  return {
    [`Create${cap}`]: (input: Input, ctx: RequestContext) => {
      const { mesh, name, router } = names(input);
      if (!NAME.test(name)) throw badRequest(`${def.nameField} must be 1-255 letters, digits, '.', '_' or '-': ${JSON.stringify(name)}`);
      if (def.kind !== "mesh") store.require(ctx, "mesh", mesh, mesh);
      if (router !== undefined) store.require(ctx, "virtualRouter", mesh, router);
      const existing = store.get(ctx, def.kind, mesh, name, router);
      if (existing) throw conflict(`${cap} ${name} already exists${def.kind === "mesh" ? "" : ` in mesh ${mesh}`}.`);
      const spec = def.validate(store, ctx, mesh, input.spec ?? {}, router);
      const r = store.create(ctx, def.kind, mesh, name, spec, input.tags ?? [], router);
      return { [def.outputField]: resourceData(r) };
    },
    [`Describe${cap}`]: (input: Input, ctx: RequestContext) => {
      const { mesh, name, router } = names(input);
      return { [def.outputField]: resourceData(store.require(ctx, def.kind, mesh, name, router)) };
    },
    [`Update${cap}`]: (input: Input, ctx: RequestContext) => {
      const { mesh, name, router } = names(input);
      const r = store.require(ctx, def.kind, mesh, name, router);
      r.spec = def.validate(store, ctx, mesh, input.spec ?? {}, router);
      r.version += 1;
      r.lastUpdatedAt = Date.now();
      store.put(r);
      return { [def.outputField]: resourceData(r) };
    },
    [`Delete${cap}`]: (input: Input, ctx: RequestContext) => {
      const { mesh, name, router } = names(input);
      const r = store.require(ctx, def.kind, mesh, name, router);
      const held = def.heldBy?.(store, r);
      if (held) throw inUse(held);
      store.remove(r);
      return { [def.outputField]: resourceData({ ...r, status: "DELETED" }) };
    },
    [`List${def.listField[0].toUpperCase()}${def.listField.slice(1)}`]: (input: Input, ctx: RequestContext) => {
      const { mesh, router } = names(input);
      if (def.kind !== "mesh") store.require(ctx, "mesh", mesh, mesh);
      if (router !== undefined) store.require(ctx, "virtualRouter", mesh, router);
      const all = store.list(ctx, def.kind, def.kind === "mesh" ? undefined : mesh, router);
      const limit = Number(input.limit ?? 100);
      const start = Number(input.nextToken ?? 0);
      const page = all.slice(start, start + limit);
      return { [def.listField]: page.map(resourceRef), nextToken: start + limit < all.length ? String(start + limit) : undefined };
    },
  };
}
