import type { DeleteLogGroupCommandOutput, DeleteLogGroupRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";

export function deleteLogGroup(store: LogStore, input: DeleteLogGroupRequest, ctx: RequestContext) {
  required(input, "logGroupName");
  store.deleteGroup(resolveGroup(store, ctx, input).key);
  return {} satisfies Omit<DeleteLogGroupCommandOutput, "$metadata">;
}
