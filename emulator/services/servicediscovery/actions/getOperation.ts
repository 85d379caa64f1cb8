import type { GetOperationRequest, GetOperationResponse } from "@aws-sdk/client-servicediscovery";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { CloudMapStore } from "../store.ts";

export const getOperation = (store: CloudMapStore) => (input: GetOperationRequest, ctx: RequestContext) => {
  const op = store.operations.get(scopedKey(ctx, input.OperationId ?? ""));
  if (!op) throw new AwsError("OperationNotFound", `Operation not found: ${input.OperationId}`, 400);
  return {
    Operation: { ...op, OwnerAccount: ctx.accountId, CreateDate: new Date(op.CreateDate), UpdateDate: new Date(op.UpdateDate) } as any,
  } satisfies GetOperationResponse;
};
