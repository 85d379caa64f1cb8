import type { DeleteStackInput } from "@aws-sdk/client-cloudformation";
import { validationError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { runDelete, setStackStatus } from "../engine/runner.ts";
import { type Cfn, lookupStack } from "../stacks.ts";

// Deleting a stack that does not exist succeeds, as on AWS.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_DeleteStack.html
export async function deleteStack(input: DeleteStackInput, ctx: RequestContext, cfn: Cfn) {
  if (!input.StackName) throw validationError("1 validation error detected: Value null at 'stackName' failed to satisfy constraint: Member must not be null");
  const stack = lookupStack(cfn, ctx, input.StackName);
  if (!stack || stack.StackStatus === "DELETE_COMPLETE" || stack.StackStatus === "DELETE_IN_PROGRESS") return {};
  if (input.RetainResources?.length && stack.StackStatus !== "DELETE_FAILED") {
    throw validationError(`Invalid operation on stack [${stack.StackId}]. RetainResources can only be specified when the stack is in DELETE_FAILED state`);
  }
  if (stack.StackStatus.endsWith("_IN_PROGRESS") && stack.StackStatus !== "REVIEW_IN_PROGRESS") {
    throw validationError(`Stack [${stack.StackName}] cannot be deleted while in status ${stack.StackStatus}`);
  }
  setStackStatus(cfn.engine, stack, "DELETE_IN_PROGRESS", "User Initiated");
  cfn.run(stack.StackId, () => runDelete(cfn.engine, stack, input.RetainResources ?? []));
  return {};
}
