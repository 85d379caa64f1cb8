// App Mesh records: meshes and the four resource kinds inside a mesh. One generic record
// shape serves every kind; the data plane (emulator/runtime/mesh) reads it per request, so
// UpdateRoute takes effect on the next request.
import { randomUUID } from "node:crypto";
import { AwsError } from "../../core/errors.ts";
import type { StateDb } from "../../core/state.ts";

export type Kind = "mesh" | "virtualNode" | "virtualService" | "virtualRouter" | "route";

export interface MeshResource {
  accountId: string;
  region: string;
  kind: Kind;
  meshName: string;
  /** For routes only. */
  virtualRouterName?: string;
  name: string;
  spec: Record<string, any>;
  arn: string;
  uid: string;
  version: number;
  createdAt: number;
  lastUpdatedAt: number;
  tags: { key: string; value: string }[];
  status: "ACTIVE" | "DELETED";
}

export interface Scope {
  accountId: string;
  region: string;
}

export const notFound = (what: string) => new AwsError("NotFoundException", `${what} not found.`, 404);
export const badRequest = (message: string) => new AwsError("BadRequestException", message, 400);
export const conflict = (message: string) => new AwsError("ConflictException", message, 409);
export const inUse = (message: string) => new AwsError("ResourceInUseException", message, 409);

export class AppMeshStore {
  readonly resources;

  constructor(state: StateDb) {
    this.resources = state.map<MeshResource>("appmesh.resources");
  }

  key(s: Scope, kind: Kind, mesh: string, name: string, router?: string) {
    return `${s.accountId}/${s.region}/${kind}/${mesh}/${router ? `${router}/` : ""}${name}`;
  }

  arn(s: Scope, kind: Kind, mesh: string, name: string, router?: string) {
    const base = `arn:aws:appmesh:${s.region}:${s.accountId}:mesh/${mesh}`;
    if (kind === "mesh") return base;
    if (kind === "route") return `${base}/virtualRouter/${router}/route/${name}`;
    return `${base}/${kind}/${name}`;
  }

  get(s: Scope, kind: Kind, mesh: string, name: string, router?: string): MeshResource | undefined {
    return this.resources.get(this.key(s, kind, mesh, name, router));
  }

  require(s: Scope, kind: Kind, mesh: string, name: string, router?: string): MeshResource {
    if (kind !== "mesh" && !this.get(s, "mesh", mesh, mesh)) throw notFound(`Mesh ${mesh}`);
    if (kind === "route" && !this.get(s, "virtualRouter", mesh, router ?? "")) throw notFound(`VirtualRouter ${router} in mesh ${mesh}`);
    const r = this.get(s, kind, mesh, name, router);
    if (!r) throw notFound(`${kind[0].toUpperCase()}${kind.slice(1)} ${name}${kind === "mesh" ? "" : ` in mesh ${mesh}`}`);
    return r;
  }

  list(s: Scope, kind: Kind, mesh?: string, router?: string): MeshResource[] {
    return [...this.resources.values()].filter(
      (r) =>
        r.accountId === s.accountId &&
        r.region === s.region &&
        r.kind === kind &&
        (mesh === undefined || r.meshName === mesh) &&
        (router === undefined || r.virtualRouterName === router),
    );
  }

  /** Every resource of a kind in every account and region (the data plane serves them all). */
  all(kind: Kind): MeshResource[] {
    return [...this.resources.values()].filter((r) => r.kind === kind);
  }

  put(r: MeshResource) {
    this.resources.set(this.key(r, r.kind, r.meshName, r.name, r.virtualRouterName), r);
    return r;
  }

  remove(r: MeshResource) {
    this.resources.delete(this.key(r, r.kind, r.meshName, r.name, r.virtualRouterName));
  }

  byArn(arn: string): MeshResource {
    for (const r of this.resources.values()) if (r.arn === arn) return r;
    throw notFound(`Resource ${arn}`);
  }

  create(s: Scope, kind: Kind, mesh: string, name: string, spec: Record<string, any>, tags: { key?: string; value?: string }[] = [], router?: string): MeshResource {
    const now = Date.now();
    return this.put({
      accountId: s.accountId,
      region: s.region,
      kind,
      meshName: mesh,
      virtualRouterName: router,
      name,
      spec,
      arn: this.arn(s, kind, mesh, name, router),
      uid: randomUUID(),
      version: 1,
      createdAt: now,
      lastUpdatedAt: now,
      tags: tags.map((t) => ({ key: t.key ?? "", value: t.value ?? "" })),
      status: "ACTIVE",
    });
  }
}
