// IAM as records so CloudFormation's IAM resources act through operations, and the AWS CLI
// and SDK can list what a stack created (awsQuery, shapes from @aws-sdk/client-iam).
import * as schemas from "@aws-sdk/client-iam";
import type { RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { createPolicy, deletePolicy, getPolicy, listPolicies } from "./actions/policies.ts";
import { attachRolePolicy, createRole, deleteRole, deleteRolePolicy, detachRolePolicy, getRole, getRolePolicy, listAttachedRolePolicies, listRolePolicies, listRoles, putRolePolicy } from "./actions/roles.ts";
import { createIamStore, type IamStoreT } from "./store.ts";

export function iam(env: ServiceEnv): ServiceModule {
  const store = createIamStore(env.state);
  const bind = (fn: (input: any, ctx: RequestContext, store: IamStoreT) => unknown) => (input: any, ctx: RequestContext) => fn(input ?? {}, ctx, store);
  return {
    name: "iam",
    signingNames: ["iam"],
    protocols: ["query"],
    xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
    schemas,
    operations: {
      CreateRole: bind(createRole),
      GetRole: bind(getRole),
      ListRoles: bind(listRoles),
      DeleteRole: bind(deleteRole),
      PutRolePolicy: bind(putRolePolicy),
      GetRolePolicy: bind(getRolePolicy),
      DeleteRolePolicy: bind(deleteRolePolicy),
      ListRolePolicies: bind(listRolePolicies),
      AttachRolePolicy: bind(attachRolePolicy),
      DetachRolePolicy: bind(detachRolePolicy),
      ListAttachedRolePolicies: bind(listAttachedRolePolicies),
      CreatePolicy: bind(createPolicy),
      GetPolicy: bind(getPolicy),
      DeletePolicy: bind(deletePolicy),
      ListPolicies: bind(listPolicies),
    },
    reset() {
      env.state.clear("iam.roles");
      env.state.clear("iam.policies");
    },
  };
}
