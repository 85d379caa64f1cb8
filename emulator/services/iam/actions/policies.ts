// Managed policy operations.
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { type IamStoreT, iamId, type PolicyRecord, policyText } from "../store.ts";

const view = (p: PolicyRecord, store: IamStoreT) => ({
  PolicyName: p.PolicyName,
  PolicyId: p.PolicyId,
  Arn: p.Arn,
  Path: p.Path,
  Description: p.Description,
  DefaultVersionId: "v1",
  AttachmentCount: [...store.roles.values()].filter((r) => r.attached.includes(p.Arn)).length,
  IsAttachable: true,
  CreateDate: new Date(p.CreateDate),
  UpdateDate: new Date(p.CreateDate),
});

export function createPolicy(input: any, ctx: RequestContext, store: IamStoreT) {
  const path = input.Path ?? "/";
  const arn = `arn:aws:iam::${ctx.accountId}:policy${path}${input.PolicyName}`;
  if (!input.PolicyName || !input.PolicyDocument) throw new AwsError("ValidationError", "PolicyName and PolicyDocument are required");
  if (store.policies.has(arn)) throw new AwsError("EntityAlreadyExists", `A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`, 409);
  const p: PolicyRecord = { PolicyName: input.PolicyName, PolicyId: iamId("ANPA"), Arn: arn, Path: path, Description: input.Description, document: policyText(input.PolicyDocument), CreateDate: new Date().toISOString() };
  store.policies.set(arn, p);
  return { Policy: view(p, store) };
}

export function getPolicy(input: any, _ctx: RequestContext, store: IamStoreT) {
  const p = store.policies.get(input.PolicyArn);
  if (!p) throw new AwsError("NoSuchEntity", `Policy ${input.PolicyArn} was not found.`, 404);
  return { Policy: view(p, store) };
}

export function deletePolicy(input: any, _ctx: RequestContext, store: IamStoreT) {
  const p = store.policies.get(input.PolicyArn);
  if (!p) throw new AwsError("NoSuchEntity", `Policy ${input.PolicyArn} was not found.`, 404);
  if (view(p, store).AttachmentCount) throw new AwsError("DeleteConflict", "Cannot delete a policy attached to entities.", 409);
  store.policies.delete(p.Arn);
  return {};
}

export function listPolicies(input: any, ctx: RequestContext, store: IamStoreT) {
  const mine = [...store.policies.values()].filter((p) => p.Arn.startsWith(`arn:aws:iam::${ctx.accountId}:`));
  return { Policies: (input.Scope === "AWS" ? [] : mine).map((p) => view(p, store)), IsTruncated: false };
}
