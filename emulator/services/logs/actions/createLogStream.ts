import type { CreateLogStreamCommandOutput, CreateLogStreamRequest } from "@aws-sdk/client-cloudwatch-logs";
import type { RequestContext } from "../../../core/service.ts";
import { alreadyExists, invalidParameter, required } from "../errors.ts";
import { resolveGroup } from "../index.ts";
import type { LogStore } from "../store.ts";
import { streamKey } from "../store.ts";

/** Stream names are 1-512 characters without ":" or "*". */
export const STREAM_NAME = /^[^:*]{1,512}$/;

export function createLogStream(store: LogStore, input: CreateLogStreamRequest, ctx: RequestContext) {
  required(input, "logGroupName", "logStreamName");
  const name = input.logStreamName!;
  if (!STREAM_NAME.test(name)) throw invalidParameter(`1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`);
  const { key } = resolveGroup(store, ctx, input);
  if (store.streams.has(streamKey(key, name))) throw alreadyExists("log stream");
  store.putStream(key, { logStreamName: name, creationTime: Date.now(), uploadSequenceToken: "1", storedBytes: 0 });
  return {} satisfies Omit<CreateLogStreamCommandOutput, "$metadata">;
}
