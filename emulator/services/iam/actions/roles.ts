// Role operations. https://docs.aws.amazon.com/IAM/latest/APIReference/API_Operations.html
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type IamStoreT, iamId, policyText, type RoleRecord } from "../store.ts";

const noSuchEntity = (what: string) => new AwsError("NoSuchEntity", `The role with name ${what} cannot be found.`, 404);
const key = (ctx: RequestContext, name: string) => `${ctx.accountId}/${name}`;

function role(store: IamStoreT, ctx: RequestContext, name: string | undefined): RoleRecord {
  const r = name ? store.roles.get(key(ctx, name)) : undefined;
  if (!r) throw noSuchEntity(String(name));
  return r;
}

const view = (r: RoleRecord) => ({
  RoleName: r.RoleName,
  RoleId: r.RoleId,
  Arn: r.Arn,
  Path: r.Path,
  AssumeRolePolicyDocument: encodeURIComponent(r.AssumeRolePolicyDocument),
  Description: r.Description,
  MaxSessionDuration: r.MaxSessionDuration,
  CreateDate: new Date(r.CreateDate),
  Tags: r.Tags,
});

export function createRole(input: any, ctx: RequestContext, store: IamStoreT) {
  const name = String(input.RoleName ?? "");
  if (!/^[\w+=,.@-]{1,64}$/.test(name)) throw new AwsError("ValidationError", `1 validation error detected: Value '${name}' at 'roleName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
  if (store.roles.has(key(ctx, name))) throw new AwsError("EntityAlreadyExists", `Role with name ${name} already exists.`, 409);
  if (!input.AssumeRolePolicyDocument) throw new AwsError("ValidationError", "1 validation error detected: Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null");
  const path = input.Path ?? "/";
  const r: RoleRecord = {
    RoleName: name,
    RoleId: iamId("AROA"),
    Arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
    Path: path,
    AssumeRolePolicyDocument: policyText(input.AssumeRolePolicyDocument),
    Description: input.Description,
    MaxSessionDuration: Number(input.MaxSessionDuration ?? 3600),
    CreateDate: new Date().toISOString(),
    Tags: input.Tags ?? [],
    inlinePolicies: {},
    attached: [],
  };
  store.roles.set(key(ctx, name), r);
  return { Role: view(r) };
}

export const getRole = (input: any, ctx: RequestContext, store: IamStoreT) => ({ Role: view(role(store, ctx, input.RoleName)) });

export function listRoles(input: any, ctx: RequestContext, store: IamStoreT) {
  const roles = [...store.roles.entries()].filter(([k]) => k.startsWith(`${ctx.accountId}/`)).map(([, r]) => r);
  return { Roles: roles.filter((r) => !input.PathPrefix || r.Path.startsWith(input.PathPrefix)).map(view), IsTruncated: false };
}

export function deleteRole(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  // AWS refuses while policies are still attached or inline. https://docs.aws.amazon.com/IAM/latest/APIReference/API_DeleteRole.html
  if (r.attached.length || Object.keys(r.inlinePolicies).length) {
    throw new AwsError("DeleteConflict", "Cannot delete entity, must detach all policies first.", 409);
  }
  store.roles.delete(key(ctx, r.RoleName));
  return {};
}

export function putRolePolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  if (!input.PolicyName || !input.PolicyDocument) throw new AwsError("ValidationError", "PolicyName and PolicyDocument are required");
  r.inlinePolicies[input.PolicyName] = policyText(input.PolicyDocument);
  store.roles.set(key(ctx, r.RoleName), r);
  return {};
}

export function getRolePolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  const doc = r.inlinePolicies[input.PolicyName];
  if (doc === undefined) throw new AwsError("NoSuchEntity", `The role policy with name ${input.PolicyName} cannot be found.`, 404);
  return { RoleName: r.RoleName, PolicyName: input.PolicyName, PolicyDocument: encodeURIComponent(doc) };
}

export function deleteRolePolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  if (!(input.PolicyName in r.inlinePolicies)) throw new AwsError("NoSuchEntity", `The role policy with name ${input.PolicyName} cannot be found.`, 404);
  delete r.inlinePolicies[input.PolicyName];
  store.roles.set(key(ctx, r.RoleName), r);
  return {};
}

export const listRolePolicies = (input: any, ctx: RequestContext, store: IamStoreT) => ({ PolicyNames: Object.keys(role(store, ctx, input.RoleName).inlinePolicies), IsTruncated: false });

export function attachRolePolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  const arn = String(input.PolicyArn ?? "");
  if (!arn.startsWith("arn:aws:iam::aws:policy/") && !store.policies.has(arn)) throw new AwsError("NoSuchEntity", `Policy ${arn} does not exist or is not attachable.`, 404);
  if (!r.attached.includes(arn)) r.attached.push(arn);
  store.roles.set(key(ctx, r.RoleName), r);
  return {};
}

export function detachRolePolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const r = role(store, ctx, input.RoleName);
  if (!r.attached.includes(input.PolicyArn)) throw new AwsError("NoSuchEntity", `Policy ${input.PolicyArn} was not found.`, 404);
  r.attached = r.attached.filter((a) => a !== input.PolicyArn);
  store.roles.set(key(ctx, r.RoleName), r);
  return {};
}

export function listAttachedRolePolicies(input: any, ctx: RequestContext, store: IamStoreT) {
  return { AttachedPolicies: role(store, ctx, input.RoleName).attached.map((PolicyArn) => ({ PolicyArn, PolicyName: PolicyArn.split("/").pop() })), IsTruncated: false };
}
