import type { InvocationRequest, InvocationResponse } from "@aws-sdk/client-lambda";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { constraintViolation } from "../errors.ts";

// https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html
const MAX_SYNC_PAYLOAD = 6_291_456;
const MAX_ASYNC_PAYLOAD = 1_048_576;
const TAIL_BYTES = 4096;

/**
 * RequestResponse waits for the function; Event queues it and answers 202; DryRun only checks
 * that the call would be allowed (204). Function errors are a 200 with X-Amz-Function-Error.
 * https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html
 */
export async function invoke(input: InvocationRequest, ctx: RequestContext, lambda: LambdaContext) {
  const type = input.InvocationType ?? "RequestResponse";
  if (!["RequestResponse", "Event", "DryRun"].includes(type)) throw constraintViolation("invocationType", type, "satisfy enum value set: [Event, RequestResponse, DryRun]");
  if (input.LogType && !["None", "Tail"].includes(input.LogType)) throw constraintViolation("logType", input.LogType, "satisfy enum value set: [None, Tail]");
  const rec = lambda.store.get(input.FunctionName, ctx, input.Qualifier);
  if (type === "DryRun") return { StatusCode: 204, Payload: new Uint8Array(0) } satisfies InvocationResponse;

  const payload = input.Payload?.length ? Buffer.from(input.Payload).toString("utf8") : "{}";
  const limit = type === "Event" ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
  if (Buffer.byteLength(payload) > limit) {
    throw new AwsError("RequestTooLargeException", `Request must be smaller than ${limit} bytes for the InvokeFunction operation`, 413);
  }
  try {
    JSON.parse(payload);
  } catch (e) {
    throw new AwsError("InvalidRequestContentException", `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`, 400);
  }

  if (type === "Event") {
    // AWS queues the event and retries function errors twice; here it simply runs in the background.
    lambda.invoke(rec, payload, { clientContext: input.ClientContext }).catch((e) => lambda.env.log("lambda", "async invocation failed", { function: rec.config.FunctionName, error: (e as Error).message }));
    return { StatusCode: 202, Payload: new Uint8Array(0) } satisfies InvocationResponse;
  }

  const out = await lambda.invoke(rec, payload, { clientContext: input.ClientContext });
  let body = out.payload;
  let functionError = out.functionError;
  if (Buffer.byteLength(body) > MAX_SYNC_PAYLOAD) {
    body = JSON.stringify({ errorMessage: `Response payload size exceeded maximum allowed payload size (${MAX_SYNC_PAYLOAD} bytes).`, errorType: "Function.ResponseSizeTooLarge" });
    functionError = "Unhandled";
  }
  const log = Buffer.from(out.log);
  return {
    StatusCode: 200,
    FunctionError: functionError,
    LogResult: input.LogType === "Tail" ? log.subarray(Math.max(0, log.length - TAIL_BYTES)).toString("base64") : undefined,
    ExecutedVersion: "$LATEST",
    Payload: Buffer.from(body),
  } satisfies InvocationResponse;
}
