// IAM as records: roles (with inline and attached policies) and managed policies. IAM is
// global, so records are keyed by account only.
import { randomBytes } from "node:crypto";
import type { StateDb } from "../../core/state.ts";

export interface RoleRecord {
  RoleName: string;
  RoleId: string;
  Arn: string;
  Path: string;
  AssumeRolePolicyDocument: string;
  Description?: string;
  MaxSessionDuration: number;
  CreateDate: string;
  Tags: { Key: string; Value: string }[];
  inlinePolicies: Record<string, string>;
  attached: string[];
}

export interface PolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  document: string;
  CreateDate: string;
}


export const createIamStore = (state: StateDb) => ({
  roles: state.map<RoleRecord>("iam.roles"),
  policies: state.map<PolicyRecord>("iam.policies"),
});

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
/** IAM unique ids: a 4-letter type prefix (AROA role, ANPA policy) and 17 characters. */
export const iamId = (prefix: string) => prefix + [...randomBytes(17)].map((b) => ID_ALPHABET[b % 32]).join("");

/** Policy documents may arrive as objects (CloudFormation) or JSON strings (API). */
export const policyText = (doc: unknown) => (typeof doc === "string" ? doc : JSON.stringify(doc));

export type IamStoreT = ReturnType<typeof createIamStore>;
