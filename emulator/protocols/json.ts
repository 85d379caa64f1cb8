// awsJson 1.0 / 1.1: `X-Amz-Target: Prefix.Operation`, JSON bodies both ways.
// https://smithy.io/2.0/aws/protocols/aws-json-1_0-protocol.html
import type { NormalizedSchema } from "@smithy/core/schema";
import { AwsError } from "../core/errors.ts";
import { fromJsonValue, toJsonValue } from "./shape.ts";

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    throw new AwsError("SerializationException", "The request body is not valid JSON.", 400);
  }
}

export function decodeJsonInput(schema: NormalizedSchema, body: Buffer): unknown {
  const raw = parseJsonBody(body);
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new AwsError("SerializationException", "The request body must be a JSON object.", 400);
  }
  try {
    return fromJsonValue(schema, raw) ?? {};
  } catch (e) {
    throw new AwsError("SerializationException", (e as Error).message, 400);
  }
}

export const serializeJson = (value: unknown) => JSON.stringify(toJsonValue(value ?? {}) ?? {});

/** JSON error body plus the headers SDKs read the code from (including awsQueryCompatible's). */
export function serializeJsonError(err: AwsError): { body: string; headers: Record<string, string> } {
  return {
    body: JSON.stringify({ __type: err.code, message: err.message, Message: err.message }),
    headers: {
      "x-amzn-errortype": err.code,
      "x-amzn-query-error": `${err.code};${err.senderFault ? "Sender" : "Receiver"}`,
    },
  };
}
