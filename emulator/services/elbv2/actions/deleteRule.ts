import type { DeleteRuleInput, DeleteRuleOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { ElbDeps } from "../deps.ts";

export const deleteRule = ({ store }: ElbDeps) => (input: DeleteRuleInput) => {
  const arn = input.RuleArn ?? "";
  if (arn.endsWith("/default") && !store.rules.has(arn)) throw new AwsError("OperationNotPermitted", "Default rule cannot be deleted", 400);
  store.rules.delete(store.rule(arn).RuleArn);
  return {} satisfies DeleteRuleOutput;
};
