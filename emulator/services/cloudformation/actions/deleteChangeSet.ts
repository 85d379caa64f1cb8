import type { DeleteChangeSetInput, DeleteChangeSetOutput } from "@aws-sdk/client-cloudformation";
import type { RequestContext } from "../../../core/service.ts";
import type { Cfn } from "../stacks.ts";
import { findChangeSet } from "./describeChangeSet.ts";

export function deleteChangeSet(input: DeleteChangeSetInput, ctx: RequestContext, cfn: Cfn) {
  const cs = findChangeSet(cfn, ctx, input.ChangeSetName ?? "", input.StackName);
  cfn.store.changeSets.delete(cs.ChangeSetId);
  return {} satisfies DeleteChangeSetOutput;
}
