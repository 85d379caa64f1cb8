import type { DeleteLogStreamCommandOutput, DeleteLogStreamRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { required, streamNotFound } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import { type LogStore, streamKey } from "../store.ts";

export function deleteLogStream(store: LogStore, input: DeleteLogStreamRequest, ctx: RequestContext) {
  required(input, "logGroupName", "logStreamName");
  const { key } = resolveGroup(store, ctx, input);
  if (!store.streams.has(streamKey(key, input.logStreamName!))) throw streamNotFound();
  store.deleteStream(key, input.logStreamName!);
  return {} satisfies Omit<DeleteLogStreamCommandOutput, "$metadata">;
}
