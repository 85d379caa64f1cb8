// The SQS wire handling around fauxqs: the legacy query protocol (form-encoded `Action=...`, still
// sent by Debian's awscli 2.9 and older SDKs), which fauxqs rejects, and the operations written
// here (message move tasks) in both protocols. Everything else goes to fauxqs untouched.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import * as schemas from "@aws-sdk/client-sqs";
import { AwsError, toAwsError } from "../../core/errors.ts";
import type { Operation, RequestContext, ServiceEnv } from "../../core/service.ts";
import { identify } from "../../gateway/identify.ts";
import { decodeJsonInput, serializeJson } from "../../protocols/json.ts";
import { decodeQueryInput, parseForm, serializeQueryError, serializeQueryResult } from "../../protocols/query.ts";
import { fromJsonValue, operationShape, toJsonValue } from "../../protocols/shape.ts";
import { type FauxqsMount, rejectRaw } from "../fauxqs/mount.ts";
import { fromFauxqsJsonError, legacyCodeFromFauxqs, queryCodeOf } from "./errors.ts";

export const SQS_XMLNS = "http://queue.amazonaws.com/doc/2012-11-05/";
const ACCOUNT_ID = "000000000000";

/** fauxqs's own body limit (11 MiB) is ample for SQS, whose messages stop at 1 MiB. */
const MAX_QUERY_BODY = 11 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_QUERY_BODY) chunks.push(c);
    });
    req.on("end", () => (size > MAX_QUERY_BODY ? reject(new AwsError("RequestEntityTooLarge", `Request body exceeds ${MAX_QUERY_BODY} bytes.`, 413)) : resolve(Buffer.concat(chunks))));
    req.on("error", reject);
  });
}

export function createSqsRawHandler(mount: FauxqsMount, operations: Record<string, Operation>, env: ServiceEnv) {
  function context(req: IncomingMessage, operation: string): RequestContext {
    const region = identify(req.headers, new URL(req.url ?? "/", "http://localhost")).region ?? mount.sqs.region ?? "us-east-1";
    return { accountId: ACCOUNT_ID, region, requestId: randomUUID(), service: "sqs", operation, emulator: env.api };
  }

  async function handleOwnJson(op: string, req: IncomingMessage, res: ServerResponse) {
    const requestId = randomUUID();
    try {
      const shape = operationShape(schemas, op)!;
      const input = decodeJsonInput(shape.input, await readBody(req));
      const out = await operations[op](input, context(req, op));
      const body = serializeJson(out);
      res.writeHead(200, { "content-type": "application/x-amz-json-1.0", "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(body) });
      res.end(body);
    } catch (e) {
      const err = toAwsError(e);
      const body = JSON.stringify({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message });
      res.writeHead(err.statusCode, {
        "content-type": "application/x-amz-json-1.0",
        "x-amzn-requestid": requestId,
        "x-amzn-query-error": `${queryCodeOf(err)};${err.senderFault ? "Sender" : "Receiver"}`,
      });
      res.end(body);
    }
  }

  async function handleQuery(req: IncomingMessage, res: ServerResponse) {
    const requestId = randomUUID();
    try {
      const params = parseForm(await readBody(req));
      for (const [k, v] of new URL(req.url ?? "/", "http://localhost").searchParams) params[k] ??= v;
      const action = params.Action;
      if (!action) throw new AwsError("MissingAction", "The request must contain the parameter Action.", 400);
      const shape = operationShape(schemas, action);
      if (!shape) throw new AwsError("InvalidAction", `The action ${action} is not valid for this web service.`, 400);
      let input: unknown;
      try {
        input = decodeQueryInput(shape.input, params);
      } catch (e) {
        throw new AwsError("InvalidParameterValue", (e as Error).message, 400);
      }
      let output: unknown;
      if (operations[action]) {
        output = await operations[action](input, context(req, action));
      } else {
        const headers = { authorization: req.headers.authorization, host: req.headers.host };
        const r = await mount.sqsJson(action, toJsonValue(input), headers);
        if (r.status >= 400) throw fromFauxqsJsonError(r.status, r.body, r.headers["x-amzn-query-error"]);
        if (r.body?.__type) throw fromFauxqsJsonError(400, r.body, undefined);
        output = fromJsonValue(shape.output, r.body);
      }
      const xml = serializeQueryResult({ operation: action, xmlNamespace: SQS_XMLNS, output: shape.output, value: output, requestId });
      res.writeHead(200, { "content-type": "text/xml", "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(xml) });
      res.end(xml);
    } catch (e) {
      const err = toAwsError(e);
      const coded = new AwsError(queryCodeOf(err), err.message, err.statusCode, err.senderFault);
      res.writeHead(err.statusCode, { "content-type": "text/xml", "x-amzn-requestid": requestId });
      res.end(serializeQueryError(coded, requestId, SQS_XMLNS));
    }
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    const target = req.headers["x-amz-target"];
    if (typeof target === "string") {
      const op = target.slice(target.indexOf(".") + 1);
      if (operations[op]) {
        void handleOwnJson(op, req, res);
        return;
      }
      // awsJson 1.1 / plain JSON content types read the same; fauxqs registers only 1.0.
      const ct = req.headers["content-type"] ?? "";
      if (/^application\/(x-amz-json-1\.1|json)\b/.test(ct)) req.headers["content-type"] = "application/x-amz-json-1.0";
      else if (!ct.startsWith("application/x-amz-json-1.0")) {
        rejectRaw(req, res, new AwsError("SerializationException", `SQS reads JSON bodies (application/x-amz-json-1.0), not "${ct}".`, 400), "json");
        return;
      }
    } else if ((req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
      void handleQuery(req, res);
      return;
    } else {
      rejectRaw(req, res, new AwsError("MissingAction", "The request must name an operation in X-Amz-Target (JSON) or Action (query).", 400), "json");
      return;
    }
    fixLegacyErrorCodes(res);
    mount.routing(req, res);
  };
}

/** Rewrites fauxqs's x-amzn-query-error on error answers to the code AWS sends (see legacyCodeFromFauxqs). */
function fixLegacyErrorCodes(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status >= 400) {
      const headers = rest.find((r) => r && typeof r === "object") as Record<string, unknown> | undefined;
      const q = headers?.["x-amzn-query-error"] ?? this.getHeader("x-amzn-query-error");
      if (typeof q === "string") {
        const [code, fault] = q.split(";");
        const fixed = `${legacyCodeFromFauxqs(code)};${fault}`;
        if (headers && "x-amzn-query-error" in headers) headers["x-amzn-query-error"] = fixed;
        else this.setHeader("x-amzn-query-error", fixed);
      }
    }
    return (writeHead as (...a: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}
