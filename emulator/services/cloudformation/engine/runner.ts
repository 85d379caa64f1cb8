// Runs stack operations: create (with rollback), update (with cleanup or update rollback) and
// delete, emitting an event for every stack and resource transition. Knows no resource type
// by name: every type is a module from the registry.
import { randomBytes, randomUUID } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Output } from "@aws-sdk/client-cloudformation";
import { AwsError, validationError } from "../../../core/errors.ts";
import type { EmulatorApi } from "../../../core/service.ts";
import type { ResourceContext, ResourceModule, ResourceResult, Tag } from "../resources/types.ts";
import type { CfnStore, ResourceState, StackRecord } from "../store.ts";
import { evaluateCondition, resolve, type Scope } from "./intrinsics.ts";
import { walk } from "./scheduler.ts";
import { assertTransition, type ResourceStatus, type StackStatus } from "./status.ts";
import { resourceDependencies, type Template } from "./template.ts";

export interface Engine {
  store: CfnStore;
  api: EmulatorApi;
  selfUrl(): string;
  modules: ReadonlyMap<string, ResourceModule>;
  log(message: string, extra?: Record<string, unknown>): void;
}

const now = () => new Date().toISOString();
const GONE: ResourceStatus[] = ["DELETE_COMPLETE", "DELETE_SKIPPED"];

export const exportKey = (stack: { accountId: string; region: string }, name: string) => `${stack.accountId}/${stack.region}/${name}`;

function save(engine: Engine, stack: StackRecord) {
  engine.store.stacks.set(stack.StackId, stack);
}

function emit(engine: Engine, stack: StackRecord, e: { LogicalResourceId: string; PhysicalResourceId?: string; ResourceType: string; ResourceStatus: string; ResourceStatusReason?: string; ResourceProperties?: string }) {
  const list = engine.store.events.get(stack.StackId) ?? [];
  list.push({ StackId: stack.StackId, StackName: stack.StackName, EventId: randomUUID(), Timestamp: now(), ...e } as any);
  engine.store.events.set(stack.StackId, list);
}

export function setStackStatus(engine: Engine, stack: StackRecord, to: StackStatus, reason?: string) {
  assertTransition(stack.StackStatus, to);
  stack.StackStatus = to;
  stack.StackStatusReason = reason;
  save(engine, stack);
  emit(engine, stack, { LogicalResourceId: stack.StackName, PhysicalResourceId: stack.StackId, ResourceType: "AWS::CloudFormation::Stack", ResourceStatus: to, ResourceStatusReason: reason });
}

/** A new stack's first status (CREATE_IN_PROGRESS, or REVIEW_IN_PROGRESS for a CREATE change set). */
export function startStack(engine: Engine, stack: StackRecord, status: "CREATE_IN_PROGRESS" | "REVIEW_IN_PROGRESS", reason?: string) {
  stack.StackStatus = status;
  stack.StackStatusReason = reason;
  save(engine, stack);
  emit(engine, stack, { LogicalResourceId: stack.StackName, PhysicalResourceId: stack.StackId, ResourceType: "AWS::CloudFormation::Stack", ResourceStatus: status, ResourceStatusReason: reason });
}

/** Records a resource transition; `attach` false for an old physical resource being cleaned up. */
function setResource(engine: Engine, stack: StackRecord, r: ResourceState, status: ResourceStatus, reason?: string, attach = true) {
  r.ResourceStatus = status;
  r.ResourceStatusReason = reason;
  r.Timestamp = now();
  if (attach) stack.resources[r.LogicalResourceId] = r;
  save(engine, stack);
  emit(engine, stack, {
    LogicalResourceId: r.LogicalResourceId,
    PhysicalResourceId: r.PhysicalResourceId ?? "",
    ResourceType: r.ResourceType,
    ResourceStatus: status,
    ResourceStatusReason: reason,
    ResourceProperties: status.endsWith("_IN_PROGRESS") && !status.startsWith("DELETE") ? JSON.stringify(r.props) : undefined,
  });
}

/** Why a resource failed, in the shape AWS's resource handlers report it, with the service's own error code. */
export function failureReason(err: unknown, type: string): string {
  const e = err as { code?: string; name?: string; message?: string; statusCode?: number; $metadata?: { httpStatusCode?: number } };
  const message = e?.message ?? String(err);
  const code = e?.code ?? e?.name ?? "InternalFailure";
  if (code === "ValidationError" && /^Template (format )?error/.test(message)) return message;
  const status = e?.statusCode ?? e?.$metadata?.httpStatusCode ?? 500;
  const handler = status === 404 || /NotFound|NonExistent|NoSuch/.test(code) ? "NotFound" : /AlreadyExists|InUse/.test(code) ? "AlreadyExists" : status < 500 ? "InvalidRequest" : "GeneralServiceException";
  return `Resource handler returned message: "${message} (Service: ${type.split("::")[1] ?? type}, Status Code: ${status}, Error Code: ${code})" (HandlerErrorCode: ${handler})`;
}

export function scopeFor(engine: Engine, stack: StackRecord): Scope {
  return {
    template: stack.template,
    parameters: stack.parameters,
    accountId: stack.accountId,
    region: stack.region,
    stackName: stack.StackName,
    stackId: stack.StackId,
    notificationArns: stack.NotificationARNs,
    resource(id) {
      const r = stack.resources[id];
      if (!r?.PhysicalResourceId || !["CREATE_COMPLETE", "UPDATE_COMPLETE"].includes(r.ResourceStatus)) return undefined;
      return { ref: r.ref ?? r.PhysicalResourceId, attributes: r.attributes };
    },
    importValue(name) {
      const e = engine.store.exports.get(exportKey(stack, name));
      if (!e) throw validationError(`No export named ${name} found.`);
      return e.Value;
    },
  };
}

const conditionHolds = (scope: Scope, condition: string | undefined) => condition === undefined || evaluateCondition(scope, condition);

/** Logical ids whose Condition holds, i.e. the resources this template version wants. */
export function wantedResources(scope: Scope): string[] {
  return Object.entries(scope.template.Resources)
    .filter(([, r]) => conditionHolds(scope, r.Condition))
    .map(([id]) => id);
}

/** Export names the template imports (Fn::ImportValue arguments are resolved; they rarely depend on resources). */
export function collectImports(scope: Scope): string[] {
  const names = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) return v.forEach(visit);
    if (!v || typeof v !== "object") return;
    const obj = v as Record<string, unknown>;
    if ("Fn::ImportValue" in obj && Object.keys(obj).length === 1) {
      try {
        const n = resolve(scope, obj["Fn::ImportValue"]);
        if (typeof n === "string") names.add(n);
      } catch {
        /* a name built from a resource attribute is checked when resolved */
      }
      return;
    }
    Object.values(obj).forEach(visit);
  };
  visit(scope.template.Resources);
  visit(scope.template.Outputs);
  return [...names];
}

/** Stacks importing any of these export names, as [exportName, importingStackName]. */
function importers(engine: Engine, stack: StackRecord, names: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const other of engine.store.stacks.values()) {
    if (other.StackId === stack.StackId || other.StackStatus === "DELETE_COMPLETE" || other.accountId !== stack.accountId || other.region !== stack.region) continue;
    for (const n of names) if (other.imports.includes(n)) out.push([n, other.StackName]);
  }
  return out;
}

const ownExports = (engine: Engine, stack: StackRecord) => [...engine.store.exports.values()].filter((e) => e.ExportingStackId === stack.StackId);

/** Resolves Outputs and checks exports (duplicates, in-use exports that would change or vanish). Writes nothing. */
function computeOutputs(engine: Engine, stack: StackRecord, scope: Scope): Output[] {
  const outputs: Output[] = [];
  const names = new Set<string>();
  for (const [key, o] of Object.entries(stack.template.Outputs ?? {})) {
    if (!conditionHolds(scope, o.Condition)) continue;
    const raw = resolve(scope, o.Value);
    const value = Array.isArray(raw) ? raw.join(",") : typeof raw === "object" ? JSON.stringify(raw) : String(raw);
    const out: Output = { OutputKey: key, OutputValue: value, Description: o.Description };
    if (o.Export) {
      const name = resolve(scope, o.Export.Name);
      if (typeof name !== "string" || !name) throw validationError(`Template error: the Export Name of output ${key} must resolve to a string`);
      const existing = engine.store.exports.get(exportKey(stack, name));
      if (names.has(name) || (existing && existing.ExportingStackId !== stack.StackId)) {
        const owner = existing ? engine.store.stacks.get(existing.ExportingStackId)?.StackName : stack.StackName;
        throw validationError(`Export with name ${name} is already exported by stack ${owner}`);
      }
      names.add(name);
      out.ExportName = name;
    }
    outputs.push(out);
  }
  const mine = ownExports(engine, stack);
  for (const [name, by] of importers(engine, stack, mine.map((e) => e.Name))) {
    const next = outputs.find((o) => o.ExportName === name);
    if (!next) throw validationError(`Export ${name} cannot be deleted as it is in use by ${by}`);
    if (next.OutputValue !== mine.find((e) => e.Name === name)?.Value) throw validationError(`Cannot update export ${name} as it is in use by ${by}`);
  }
  return outputs;
}

function commitOutputs(engine: Engine, stack: StackRecord, outputs: Output[], scope: Scope) {
  for (const e of ownExports(engine, stack)) engine.store.exports.delete(exportKey(stack, e.Name));
  for (const o of outputs) {
    if (o.ExportName) engine.store.exports.set(exportKey(stack, o.ExportName), { Name: o.ExportName, Value: o.OutputValue ?? "", ExportingStackId: stack.StackId });
  }
  stack.Outputs = outputs;
  stack.imports = collectImports(scope);
}

const RANDOM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const randomSuffix = (n = 12) => [...randomBytes(n)].map((b) => RANDOM_ALPHABET[b % RANDOM_ALPHABET.length]).join("");

export function stackTags(stack: StackRecord, logicalId: string): Tag[] {
  return [
    ...stack.Tags,
    { Key: "aws:cloudformation:stack-name", Value: stack.StackName },
    { Key: "aws:cloudformation:stack-id", Value: stack.StackId },
    { Key: "aws:cloudformation:logical-id", Value: logicalId },
  ];
}

export function contextFor(engine: Engine, stack: StackRecord, logicalId: string): ResourceContext {
  let suffix: string | undefined;
  return {
    logicalId,
    stackName: stack.StackName,
    stackId: stack.StackId,
    accountId: stack.accountId,
    region: stack.region,
    tags: stackTags(stack, logicalId),
    selfUrl: engine.selfUrl(),
    api: { call: (service, operation, input, opts) => engine.api.call(service, operation, input, { accountId: stack.accountId, region: stack.region, ...opts }) },
    // AWS: "<stack name>-<logical id>-<random>", shortened to the type's limit keeping the random part.
    physicalName(opts = {}) {
      suffix ??= randomSuffix();
      const tail = `-${suffix}${opts.suffix ?? ""}`;
      let base = `${stack.StackName}-${logicalId}`;
      if (opts.maxLength && base.length + tail.length > opts.maxLength) base = base.slice(0, Math.max(1, opts.maxLength - tail.length));
      const name = base + tail;
      return opts.lowercase ? name.toLowerCase() : name;
    },
    log: (message, extra) => engine.log(message, { stack: stack.StackName, logicalId, ...extra }),
  };
}

/** Tags of a resource as given in its Tags property (list of {Key, Value} or a map). */
function ownTags(props: Record<string, unknown>): Tag[] {
  const t = props.Tags;
  if (Array.isArray(t)) return t.filter((x) => x && typeof x === "object" && "Key" in x).map((x) => ({ Key: String(x.Key), Value: String(x.Value ?? "") }));
  if (t && typeof t === "object") return Object.entries(t).map(([Key, Value]) => ({ Key, Value: String(Value) }));
  return [];
}

async function indexTags(engine: Engine, stack: StackRecord, r: ResourceState) {
  if (!r.arn) return;
  const tags = [...stackTags(stack, r.LogicalResourceId), ...ownTags(r.props)];
  try {
    if (r.tags?.length) await untagIndex(engine, stack, r);
    await engine.api.call("tagging", "TagResources", { ResourceARNList: [r.arn], Tags: Object.fromEntries(tags.map((t) => [t.Key, t.Value])) }, { accountId: stack.accountId, region: stack.region });
    r.tags = tags;
  } catch (e) {
    engine.log("tag index write failed", { arn: r.arn, error: (e as Error).message });
  }
}

async function untagIndex(engine: Engine, stack: StackRecord, r: ResourceState) {
  if (!r.arn || !r.tags?.length) return;
  await engine.api
    .call("tagging", "UntagResources", { ResourceARNList: [r.arn], TagKeys: r.tags.map((t) => t.Key) }, { accountId: stack.accountId, region: stack.region })
    .catch((e) => engine.log("tag index removal failed", { arn: r.arn, error: (e as Error).message }));
}

function applyResult(r: ResourceState, out: Partial<ResourceResult>) {
  if (out.physicalId) r.PhysicalResourceId = out.physicalId;
  if (out.attributes) r.attributes = { ...out.attributes };
  if (out.arn !== undefined) r.arn = out.arn;
  if (out.ref !== undefined) r.ref = out.ref;
}

function newResourceState(stack: StackRecord, id: string): ResourceState {
  const decl = stack.template.Resources[id];
  return {
    LogicalResourceId: id,
    ResourceType: decl.Type,
    ResourceStatus: "CREATE_IN_PROGRESS",
    Timestamp: now(),
    props: {},
    attributes: {},
    dependsOn: resourceDependencies(stack.template, id),
    DeletionPolicy: decl.DeletionPolicy,
    UpdateReplacePolicy: decl.UpdateReplacePolicy,
  };
}

const unsupported = (type: string) => `Resource type ${type} is not supported by the local emulator`;

/** Never ignore a property silently: modules that list their properties reject the rest. */
function checkProperties(mod: ResourceModule, type: string, props: Record<string, unknown>) {
  const extra = mod.properties ? Object.keys(props).filter((k) => !mod.properties!.includes(k)) : [];
  if (extra.length) throw new AwsError("InvalidRequest", `Property ${extra.join(", ")} of ${type} is not supported by the local emulator`);
}

/** Creates one resource. `failStatus` is CREATE_FAILED (create) or UPDATE_FAILED (replacement). */
async function createOne(engine: Engine, stack: StackRecord, r: ResourceState, scope: Scope, cancelled: () => boolean, inProgressReason?: string): Promise<boolean> {
  const decl = stack.template.Resources[r.LogicalResourceId];
  const failStatus: ResourceStatus = inProgressReason ? "UPDATE_FAILED" : "CREATE_FAILED";
  try {
    r.props = resolve(scope, decl.Properties ?? {}) as Record<string, unknown>;
  } catch (e) {
    setResource(engine, stack, r, failStatus, failureReason(e, decl.Type));
    return false;
  }
  setResource(engine, stack, r, inProgressReason ? "UPDATE_IN_PROGRESS" : "CREATE_IN_PROGRESS", inProgressReason);
  const mod = engine.modules.get(decl.Type);
  if (!mod) {
    setResource(engine, stack, r, failStatus, unsupported(decl.Type));
    return false;
  }
  try {
    checkProperties(mod, decl.Type, r.props);
    applyResult(r, await mod.create(r.props, contextFor(engine, stack, r.LogicalResourceId)));
    await indexTags(engine, stack, r);
  } catch (e) {
    setResource(engine, stack, r, failStatus, failureReason(e, decl.Type));
    return false;
  }
  if (cancelled()) {
    setResource(engine, stack, r, failStatus, "Resource creation cancelled");
    return false;
  }
  setResource(engine, stack, r, inProgressReason ? "UPDATE_COMPLETE" : "CREATE_COMPLETE");
  return true;
}

/** Deletes one physical resource, honouring DeletionPolicy; `attach` false for detached (replaced) states. */
async function deleteOne(engine: Engine, stack: StackRecord, r: ResourceState, opts: { retain: boolean; attach?: boolean }): Promise<boolean> {
  const attach = opts.attach ?? true;
  if (opts.retain) {
    setResource(engine, stack, r, "DELETE_SKIPPED", undefined, attach);
    return true;
  }
  const mod = engine.modules.get(r.ResourceType);
  if (!r.PhysicalResourceId || !mod) {
    setResource(engine, stack, r, "DELETE_COMPLETE", undefined, attach);
    return true;
  }
  setResource(engine, stack, r, "DELETE_IN_PROGRESS", undefined, attach);
  try {
    await mod.delete(r.PhysicalResourceId, r.props, contextFor(engine, stack, r.LogicalResourceId), r.attributes);
  } catch (e) {
    setResource(engine, stack, r, "DELETE_FAILED", failureReason(e, r.ResourceType), attach);
    return false;
  }
  await untagIndex(engine, stack, r);
  setResource(engine, stack, r, "DELETE_COMPLETE", undefined, attach);
  return true;
}

/** Deletes resources, each after everything that depends on it; independent ones in parallel. */
async function deleteResources(engine: Engine, stack: StackRecord, ids: string[], retain: (r: ResourceState) => boolean): Promise<string[]> {
  const dependents = (id: string) => ids.filter((other) => stack.resources[other]?.dependsOn.includes(id));
  const { failed, notStarted } = await walk(ids, dependents, (id) => deleteOne(engine, stack, stack.resources[id], { retain: retain(stack.resources[id]) }), { stopOnFailure: false });
  return [...failed, ...notStarted];
}

const notDeleted = (stack: StackRecord) => Object.values(stack.resources).filter((r) => !GONE.includes(r.ResourceStatus)).map((r) => r.LogicalResourceId);
const retainedByPolicy = (policy: string | undefined) => policy === "Retain";

export async function runCreate(engine: Engine, stack: StackRecord): Promise<void> {
  const scope = scopeFor(engine, stack);
  let reason: string | undefined;
  try {
    const ids = wantedResources(scope);
    const roots: string[] = [];
    let failedOnce = false;
    await walk(
      ids,
      (id) => resourceDependencies(stack.template, id),
      async (id) => {
        const ok = await createOne(engine, stack, newResourceState(stack, id), scope, () => failedOnce);
        if (!ok && !failedOnce) roots.push(id);
        if (!ok) failedOnce = true;
        return ok;
      },
      { stopOnFailure: true },
    );
    if (roots.length) reason = `The following resource(s) failed to create: [${roots.join(", ")}]. `;
    else commitOutputs(engine, stack, computeOutputs(engine, stack, scope), scope);
  } catch (e) {
    reason = (e as Error).message;
  }
  if (!reason) return setStackStatus(engine, stack, "CREATE_COMPLETE");
  if (stack.DisableRollback) return setStackStatus(engine, stack, "CREATE_FAILED", reason);
  setStackStatus(engine, stack, "ROLLBACK_IN_PROGRESS", `${reason}${reason.endsWith(" ") ? "" : ". "}Rollback requested by user.`);
  await rollbackCreate(engine, stack);
}

export async function rollbackCreate(engine: Engine, stack: StackRecord): Promise<void> {
  const failed = await deleteResources(engine, stack, notDeleted(stack), (r) => retainedByPolicy(r.DeletionPolicy));
  for (const e of ownExports(engine, stack)) engine.store.exports.delete(exportKey(stack, e.Name));
  if (failed.length) return setStackStatus(engine, stack, "ROLLBACK_FAILED", `The following resource(s) failed to delete: [${failed.join(", ")}]. `);
  setStackStatus(engine, stack, "ROLLBACK_COMPLETE");
  if (stack.OnFailure === "DELETE") await runDelete(engine, stack, []);
}

export async function runDelete(engine: Engine, stack: StackRecord, retainResources: string[]): Promise<void> {
  if (stack.StackStatus !== "DELETE_IN_PROGRESS") setStackStatus(engine, stack, "DELETE_IN_PROGRESS");
  const inUse = importers(engine, stack, ownExports(engine, stack).map((e) => e.Name));
  if (inUse.length) {
    return setStackStatus(engine, stack, "DELETE_FAILED", `Export ${inUse[0][0]} cannot be deleted as it is in use by ${inUse[0][1]}`);
  }
  const failed = await deleteResources(engine, stack, notDeleted(stack), (r) => retainedByPolicy(r.DeletionPolicy) || retainResources.includes(r.LogicalResourceId));
  if (failed.length) return setStackStatus(engine, stack, "DELETE_FAILED", `The following resource(s) failed to delete: [${failed.join(", ")}]. `);
  for (const e of ownExports(engine, stack)) engine.store.exports.delete(exportKey(stack, e.Name));
  stack.imports = [];
  stack.DeletionTime = now();
  setStackStatus(engine, stack, "DELETE_COMPLETE");
}

export interface NextVersion {
  templateBody: string;
  template: Template;
  parameters: Record<string, string>;
  Tags: Tag[];
  Description?: string;
}

export async function runUpdate(engine: Engine, stack: StackRecord, next: NextVersion): Promise<void> {
  stack.update = {
    previous: { templateBody: stack.templateBody, template: stack.template, parameters: stack.parameters, Tags: stack.Tags, Outputs: stack.Outputs, imports: stack.imports, Description: stack.Description },
    steps: [],
    cleanup: [],
  };
  Object.assign(stack, { templateBody: next.templateBody, template: next.template, parameters: next.parameters, Tags: next.Tags, Description: next.Description, LastUpdatedTime: now() });
  setStackStatus(engine, stack, "UPDATE_IN_PROGRESS", "User Initiated");
  const scope = scopeFor(engine, stack);
  const before = { ...stack.resources };
  let reason: string | undefined;
  try {
    const wanted = wantedResources(scope);
    const roots: string[] = [];
    let failedOnce = false;
    await walk(
      wanted,
      (id) => resourceDependencies(stack.template, id),
      async (id) => {
        const ok = await updateOne(engine, stack, id, before[id], scope, () => failedOnce);
        if (!ok && !failedOnce) roots.push(id);
        if (!ok) failedOnce = true;
        return ok;
      },
      { stopOnFailure: true },
    );
    if (roots.length) reason = `The following resource(s) failed to update: [${roots.join(", ")}]. `;
    else {
      const outputs = computeOutputs(engine, stack, scope);
      commitOutputs(engine, stack, outputs, scope);
      const removed = Object.keys(before).filter((id) => !wanted.includes(id) && !GONE.includes(before[id].ResourceStatus));
      setStackStatus(engine, stack, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS");
      await cleanupUpdate(engine, stack, removed);
      return;
    }
  } catch (e) {
    reason = (e as Error).message;
  }
  setStackStatus(engine, stack, "UPDATE_ROLLBACK_IN_PROGRESS", reason);
  await rollbackUpdate(engine, stack);
}

async function updateOne(engine: Engine, stack: StackRecord, id: string, old: ResourceState | undefined, scope: Scope, cancelled: () => boolean): Promise<boolean> {
  const decl = stack.template.Resources[id];
  const steps = stack.update!.steps;
  if (!old || GONE.includes(old.ResourceStatus) || !old.PhysicalResourceId) {
    steps.push({ logicalId: id, kind: "created" });
    return createOne(engine, stack, newResourceState(stack, id), scope, cancelled);
  }
  let props: Record<string, unknown>;
  try {
    props = resolve(scope, decl.Properties ?? {}) as Record<string, unknown>;
  } catch (e) {
    setResource(engine, stack, { ...old }, "UPDATE_FAILED", failureReason(e, decl.Type), false);
    return false;
  }
  const deps = resourceDependencies(stack.template, id);
  if (old.ResourceType === decl.Type && isDeepStrictEqual(props, old.props)) {
    Object.assign(old, { dependsOn: deps, DeletionPolicy: decl.DeletionPolicy, UpdateReplacePolicy: decl.UpdateReplacePolicy });
    return true;
  }
  const mod = engine.modules.get(decl.Type);
  const r: ResourceState = { ...structuredClone(old), ResourceType: decl.Type, props, dependsOn: deps, DeletionPolicy: decl.DeletionPolicy, UpdateReplacePolicy: decl.UpdateReplacePolicy };
  if (!mod) {
    setResource(engine, stack, r, "UPDATE_FAILED", unsupported(decl.Type), false);
    return false;
  }
  let replace = old.ResourceType !== decl.Type || !mod.update || (mod.replaceOn ?? []).some((k) => !isDeepStrictEqual(props[k], old.props[k]));
  if (!replace) {
    steps.push({ logicalId: id, kind: "updated", before: old });
    setResource(engine, stack, r, "UPDATE_IN_PROGRESS");
    try {
      checkProperties(mod, decl.Type, props);
      const out = await mod.update!(old.PhysicalResourceId!, props, old.props, contextFor(engine, stack, id), old.attributes);
      if (out === "replace") {
        replace = true;
        steps.pop();
      } else {
        applyResult(r, { ...out, attributes: { ...old.attributes, ...out.attributes } });
        await indexTags(engine, stack, r);
        setResource(engine, stack, r, "UPDATE_COMPLETE");
        return true;
      }
    } catch (e) {
      setResource(engine, stack, r, "UPDATE_FAILED", failureReason(e, decl.Type));
      return false;
    }
  }
  // Replacement: create the new physical resource now, delete the old one during cleanup.
  const name = mod.nameProperty ? props[mod.nameProperty] : undefined;
  if (name !== undefined && isDeepStrictEqual(name, old.props[mod.nameProperty!])) {
    setResource(engine, stack, r, "UPDATE_FAILED", `CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename ${name} and update the stack again.`, false);
    return false;
  }
  steps.push({ logicalId: id, kind: "replaced", before: old });
  const fresh: ResourceState = { ...newResourceState(stack, id), ResourceStatus: "UPDATE_IN_PROGRESS" };
  const ok = await createOne(engine, stack, fresh, scope, cancelled, "Requested update requires the creation of a new physical resource; hence creating one.");
  if (ok) stack.update!.cleanup.push(old);
  return ok;
}

/** UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: delete replaced physical resources and removed logical ones. */
export async function cleanupUpdate(engine: Engine, stack: StackRecord, removed: string[]): Promise<void> {
  const u = stack.update;
  while (u?.cleanup.length) {
    const old = u.cleanup[0];
    await deleteOne(engine, stack, old, { retain: retainedByPolicy(old.UpdateReplacePolicy), attach: false });
    u.cleanup.shift();
    save(engine, stack);
  }
  await deleteResources(engine, stack, removed, (r) => retainedByPolicy(r.DeletionPolicy));
  for (const id of removed) if (!stack.template.Resources[id] || GONE.includes(stack.resources[id]?.ResourceStatus)) delete stack.resources[id];
  stack.update = undefined;
  setStackStatus(engine, stack, "UPDATE_COMPLETE");
}

/** UPDATE_ROLLBACK_IN_PROGRESS: undo the update's steps newest first, then restore the previous template. */
export async function rollbackUpdate(engine: Engine, stack: StackRecord): Promise<void> {
  const u = stack.update;
  if (u) Object.assign(stack, { templateBody: u.previous.templateBody, template: u.previous.template, parameters: u.previous.parameters, Tags: u.previous.Tags, Description: u.previous.Description });
  const failed: string[] = [];
  while (u?.steps.length) {
    const step = u.steps[u.steps.length - 1];
    const current = stack.resources[step.logicalId];
    try {
      if (step.kind === "created" && current) {
        if (await deleteOne(engine, stack, current, { retain: false })) delete stack.resources[step.logicalId];
        else failed.push(step.logicalId);
      } else if (step.kind === "replaced" && step.before) {
        if (current?.PhysicalResourceId && current.PhysicalResourceId !== step.before.PhysicalResourceId) await deleteOne(engine, stack, current, { retain: false, attach: false });
        setResource(engine, stack, { ...step.before }, "UPDATE_COMPLETE");
      } else if (step.kind === "updated" && step.before && current) {
        const mod = engine.modules.get(step.before.ResourceType);
        setResource(engine, stack, current, "UPDATE_IN_PROGRESS");
        await mod?.update?.(step.before.PhysicalResourceId!, step.before.props, current.props, contextFor(engine, stack, step.logicalId), current.attributes);
        setResource(engine, stack, { ...step.before }, "UPDATE_COMPLETE");
      }
    } catch (e) {
      failed.push(step.logicalId);
      if (current) setResource(engine, stack, current, "UPDATE_FAILED", failureReason(e, current.ResourceType));
    }
    u.steps.pop();
    save(engine, stack);
  }
  if (failed.length) {
    stack.update = undefined;
    return setStackStatus(engine, stack, "UPDATE_ROLLBACK_FAILED", `The following resource(s) failed to update: [${failed.join(", ")}]. `);
  }
  setStackStatus(engine, stack, "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS");
  // Resources whose create failed during the update (no physical id) leave no trace.
  for (const [id, r] of Object.entries(stack.resources)) if (!r.PhysicalResourceId && !stack.template.Resources[id]) delete stack.resources[id];
  for (const [id, r] of Object.entries(stack.resources)) if (!r.PhysicalResourceId && r.ResourceStatus.endsWith("FAILED")) delete stack.resources[id];
  if (u) Object.assign(stack, { Outputs: u.previous.Outputs, imports: u.previous.imports });
  stack.update = undefined;
  setStackStatus(engine, stack, "UPDATE_ROLLBACK_COMPLETE");
}

/**
 * After a restart, finishes what a stack was doing in the safest direction: creates and
 * updates roll back, deletes and cleanups continue.
 */
export async function recoverStack(engine: Engine, stack: StackRecord): Promise<void> {
  const why = `The local emulator restarted while the stack was ${stack.StackStatus}.`;
  for (const r of Object.values(stack.resources)) {
    if (r.ResourceStatus === "CREATE_IN_PROGRESS") setResource(engine, stack, r, "CREATE_FAILED", why);
  }
  switch (stack.StackStatus) {
    case "CREATE_IN_PROGRESS":
      setStackStatus(engine, stack, "ROLLBACK_IN_PROGRESS", why);
      return rollbackCreate(engine, stack);
    case "ROLLBACK_IN_PROGRESS":
      return rollbackCreate(engine, stack);
    case "DELETE_IN_PROGRESS":
      return runDelete(engine, stack, []);
    case "UPDATE_IN_PROGRESS":
      setStackStatus(engine, stack, "UPDATE_ROLLBACK_IN_PROGRESS", why);
      return rollbackUpdate(engine, stack);
    case "UPDATE_ROLLBACK_IN_PROGRESS":
      return rollbackUpdate(engine, stack);
    case "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS":
      return cleanupUpdate(engine, stack, []);
    case "UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS":
      stack.update = undefined;
      return setStackStatus(engine, stack, "UPDATE_ROLLBACK_COMPLETE");
  }
}
