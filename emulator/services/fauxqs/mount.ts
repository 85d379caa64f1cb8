// One fauxqs instance, mounted in-process, serving the sqs, sns and s3 ServiceModules.
// The Fastify app is built once and never listens: the gateway hands each raw request to
// `app.routing(req, res)`, so there is no extra network hop and no body re-encoding.
// Persistence is fauxqs's own SQLite write-through (`${dataDir}/fauxqs/fauxqs.db`), wired the way
// startFauxqs() wires it; every change is an autocommitted statement, so it survives SIGKILL
// (WAL with synchronous=NORMAL: no fsync per statement, see tunePersistence).
import { randomUUID } from "node:crypto";
import * as sqsSchemas from "@aws-sdk/client-sqs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import { XMLValidator } from "fast-xml-parser";
import { buildApp } from "fauxqs";
import { type FilterPolicyScope, validateFilterPolicy } from "../../../lib/messaging/filter-policy.ts";
import { DEFAULT_REGION } from "../../../lib/lab/contract.ts";
import { AwsError } from "../../core/errors.ts";
import type { ServiceEnv } from "../../core/service.ts";
import { escapeXml, serializeQueryError } from "../../protocols/query.ts";
import { fromJsonValue, operationShape } from "../../protocols/shape.ts";
import { loadFauxqsInternals, type PersistenceManager, type S3Store, type SnsStore, type SqsQueue, type SqsStore } from "./dist.ts";
import { FlowLog } from "./flow-log.ts";
import { type AttributeValue, messageAttributesError, messageStructureError, snsFormAttributes, validQueueName } from "./validate.ts";

export const SNS_XMLNS = "http://sns.amazonaws.com/doc/2010-03-31/";
/** https://docs.aws.amazon.com/sns/latest/api/API_PublishBatch.html: the whole batch is capped at 256 KiB. */
const SNS_MAX_BATCH_BYTES = 262_144;

export interface SqsJsonResponse {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}

export interface FauxqsMount {
  sqs: SqsStore;
  sns: SnsStore;
  s3: S3Store;
  flow: FlowLog;
  /** Hands a raw gateway request to fauxqs. */
  routing(req: IncomingMessage, res: ServerResponse): void;
  /** Calls a fauxqs SQS JSON operation in-process. `headers` carries authorization (region) and host (queue URLs). */
  sqsJson(operation: string, input: unknown, headers?: Record<string, string | undefined>): Promise<SqsJsonResponse>;
  reset(): void;
  close(): Promise<void>;
}

export async function createFauxqsMount(env: ServiceEnv): Promise<FauxqsMount> {
  const { SqsStore, SqsQueue, SnsStore, S3Store, openPersistence } = await loadFauxqsInternals();
  countReceives(SqsQueue);
  const sqs = new SqsStore();
  const sns = new SnsStore();
  const s3 = new S3Store();
  // Empty host: queue URLs are built from the request's Host header (the gateway's host:port),
  // e.g. http://127.0.0.1:4566/000000000000/orders, not sqs.<region>.localhost (not resolvable everywhere).
  sqs.host = "";
  sqs.region = DEFAULT_REGION;
  sns.region = DEFAULT_REGION;

  const flow = new FlowLog({ sns, sqs });
  // The spy must be on the stores before queues are loaded so every queue reports to it.
  (sqs as { spy?: unknown }).spy = flow;
  (sns as { spy?: unknown }).spy = flow;

  let persistence: PersistenceManager | undefined;
  if (env.dataDir && !env.ephemeral) {
    persistence = openPersistence(join(env.dataDir, "fauxqs"));
    // Load before attaching persistence to the stores, as startFauxqs() does, so loading writes nothing.
    persistence.load(sqs, sns, s3);
    sqs.persistence = persistence;
    sns.persistence = persistence;
    s3.persistence = persistence;
    for (const q of sqs.allQueues()) q.persistence = persistence;
    keepMessagesOnQueueRewrite(persistence);
    keepReceiveCountOnRelease(persistence);
  }

  const app = buildApp({ logger: false, stores: { sqsStore: sqs, snsStore: sns, s3Store: s3 } });
  app.addHook("preHandler", (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const body = request.body as Record<string, string> | undefined;
    const target = request.headers["x-amz-target"];
    if (typeof target === "string" && target.startsWith("AmazonSQS.")) {
      const err = checkSqsRequest(target.slice(10), body);
      if (err) {
        reply
          .code(err.statusCode)
          .header("content-type", "application/x-amz-json-1.0")
          .header("x-amzn-query-error", `${err.code};Sender`)
          .send({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message });
        return;
      }
    } else if (Buffer.isBuffer(request.body)) {
      const err = checkS3Request(request, s3);
      if (err) {
        reply.code(err.statusCode).header("content-type", "application/xml").send(s3ErrorXml(err));
        return;
      }
    } else {
      const action = body && typeof body === "object" ? body.Action : undefined;
      const err = action ? checkSnsRequest(action, body!, sns) : undefined;
      if (err) {
        reply.code(err.statusCode).header("content-type", "text/xml").send(serializeQueryError(err, randomUUID(), SNS_XMLNS));
        return;
      }
    }
    done();
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const err = new AwsError("MethodNotAllowed", `The specified method is not allowed against this resource: ${request.method} ${request.url.split("?")[0]}.`, 405);
    return reply.code(405).header("content-type", "application/xml").send(s3ErrorXml(err));
  });
  // Whatever fauxqs or Fastify throws (an unparsable body, a body over the limit) answers as an
  // AWS error in the request's protocol, never Fastify's own JSON.
  app.setErrorHandler((error: Error & { statusCode?: number }, request: FastifyRequest, reply: FastifyReply) => {
    const status = error instanceof SyntaxError ? 400 : (error.statusCode ?? 500);
    const err = status === 413 ? new AwsError("RequestEntityTooLarge", "Request body is too large.", 413) : status < 500 ? new AwsError("SerializationException", error.message, status) : new AwsError("InternalFailure", error.message, 500);
    if (status >= 500) env.log("fauxqs", "request failed", { error: error.message, stack: error.stack });
    void reply.code(err.statusCode);
    const ct = String(request.headers["content-type"] ?? "");
    if (ct.includes("x-amz-json")) return reply.header("content-type", "application/x-amz-json-1.0").send({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message });
    if (ct.includes("x-www-form-urlencoded")) return reply.header("content-type", "text/xml").send(serializeQueryError(err, randomUUID(), SNS_XMLNS));
    return reply.header("content-type", "application/xml").send(s3ErrorXml(err));
  });
  await app.ready();

  return {
    sqs,
    sns,
    s3,
    flow,
    routing: (req, res) => app.routing(req, res),
    async sqsJson(operation, input, headers = {}) {
      const res = await app.inject({
        method: "POST",
        url: "/",
        headers: {
          "content-type": "application/x-amz-json-1.0",
          "x-amz-target": `AmazonSQS.${operation}`,
          ...(headers.authorization ? { authorization: headers.authorization } : {}),
          host: headers.host ?? new URL(env.selfUrl() || "http://127.0.0.1").host,
        },
        payload: JSON.stringify(input ?? {}),
      });
      let body: any = {};
      try {
        body = res.body ? JSON.parse(res.body) : {};
      } catch {
        body = { message: res.body };
      }
      return { status: res.statusCode, body, headers: res.headers as SqsJsonResponse["headers"] };
    },
    reset() {
      sqs.purgeAll();
      sns.purgeAll();
      s3.purgeAll();
      persistence?.purgeAll();
      flow.clear();
    },
    async close() {
      await app.close();
      persistence?.close();
    },
  };
}

// fauxqs re-persists a queue with INSERT OR REPLACE (TagQueue, UntagQueue); with foreign keys on,
// REPLACE deletes the old row and ON DELETE CASCADE drops the queue's persisted messages. Updating
// an existing row in place keeps them.
function keepMessagesOnQueueRewrite(pm: PersistenceManager): void {
  const db = (pm as unknown as { db: import("node:sqlite").DatabaseSync }).db;
  const update = db.prepare("UPDATE sqs_queues SET url = ?, arn = ?, attributes = ?, tags = ?, last_modified_timestamp = ?, sequence_counter = ? WHERE name = ?");
  const insert = pm.insertQueue.bind(pm);
  pm.insertQueue = (q) => {
    const r = update.run(q.url, q.arn, JSON.stringify(q.attributes), JSON.stringify(Object.fromEntries(q.tags)), q.lastModifiedTimestamp, q.sequenceCounter, q.name);
    if (r.changes === 0) insert(q);
  };
}

// fauxqs 2.4.1 persists a released message (ChangeMessageVisibility 0, or a visibility timeout
// that ran out) by writing NULL into approximate_receive_count, a NOT NULL column: the statement
// throws after the message has left the in-flight map and before it is back in the queue, so
// the message is lost and the caller gets a 500. A released message is ready again and keeps
// its receive count, which the redrive policy counts:
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html
function keepReceiveCountOnRelease(pm: PersistenceManager): void {
  const db = (pm as unknown as { db: import("node:sqlite").DatabaseSync }).db;
  const ready = db.prepare("UPDATE sqs_messages SET receipt_handle = NULL, visibility_deadline = NULL WHERE message_id = ?");
  pm.updateMessageReady = (messageId: string) => {
    ready.run(messageId);
  };
}

function formEntries(body: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = k.startsWith(prefix) ? /^(\d+)\.key$/.exec(k.slice(prefix.length)) : null;
    if (m) out[v] = body[`${prefix}${m[1]}.value`] ?? "";
  }
  return out;
}

const snsParamError = (message: string) => new AwsError("ParameterValueInvalid", message, 400);

/** AWS checks fauxqs skips: message attributes and MessageStructure, ARNs, filter-policy syntax and limits, PublishBatch's total size. */
function checkSnsRequest(action: string, body: Record<string, string>, sns: SnsStore): AwsError | undefined {
  if (action === "Publish") {
    const bad = messageAttributesError(snsFormAttributes(body, "MessageAttributes"), { sns: true });
    if (bad) return snsParamError(bad);
    if (body.MessageStructure === "json") {
      const m = messageStructureError(body.Message);
      if (m) return new AwsError("InvalidParameter", m, 400);
    }
    return undefined;
  }
  if (action === "Unsubscribe" || action === "GetSubscriptionAttributes") {
    const arn = body.SubscriptionArn ?? "";
    return arn.split(":").length < 6 ? new AwsError("InvalidParameter", `Invalid parameter: SubscriptionArn Reason: An ARN must have at least 6 elements, not ${arn.split(":").length}`, 400) : undefined;
  }
  if (action === "PublishBatch") {
    let total = 0;
    for (const [k, v] of Object.entries(body)) {
      if (/^PublishBatchRequestEntries\.member\.\d+\.(Message|MessageAttributes\.entry\.\d+\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue))$/.test(k)) total += Buffer.byteLength(v, "utf8");
    }
    if (total > SNS_MAX_BATCH_BYTES) return new AwsError("BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400);
    for (let i = 1; `PublishBatchRequestEntries.member.${i}.Id` in body; i++) {
      const bad = messageAttributesError(snsFormAttributes(body, `PublishBatchRequestEntries.member.${i}.MessageAttributes`), { sns: true });
      if (bad) return snsParamError(bad);
    }
    return undefined;
  }
  if (action !== "Subscribe" && action !== "SetSubscriptionAttributes") return undefined;
  let policy: string | undefined;
  let scope: string | undefined;
  if (action === "Subscribe") {
    const attrs = formEntries(body, "Attributes.entry.");
    policy = attrs.FilterPolicy;
    scope = attrs.FilterPolicyScope;
  } else {
    const sub = sns.getSubscription(body.SubscriptionArn ?? "");
    if (body.AttributeName === "FilterPolicy") {
      policy = body.AttributeValue;
      scope = sub?.attributes.FilterPolicyScope;
    } else if (body.AttributeName === "FilterPolicyScope") {
      scope = body.AttributeValue;
      policy = sub?.attributes.FilterPolicy;
    } else return undefined;
  }
  if (scope !== undefined && scope !== "MessageAttributes" && scope !== "MessageBody") {
    return new AwsError("InvalidParameter", "Invalid parameter: Attributes Reason: FilterPolicyScope: Invalid value [" + scope + "]. Please use either MessageBody or MessageAttributes", 400);
  }
  if (!policy) return undefined;
  const v = validateFilterPolicy(policy, (scope as FilterPolicyScope | undefined) ?? "MessageAttributes");
  return v.valid ? undefined : new AwsError(v.code, v.message, 400);
}

const sqsParamError = (message: string) => new AwsError("InvalidParameterValue", message, 400);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** AWS checks fauxqs skips on SQS JSON requests (the query protocol reaches fauxqs as JSON too). */
function checkSqsRequest(op: string, raw: unknown): AwsError | undefined {
  // The SDK's input shape: a JSON object whose members have the declared types.
  const shape = operationShape(sqsSchemas, op);
  if (!shape) return undefined; // fauxqs answers InvalidAction
  if (raw === null || typeof raw !== "object" || Array.isArray(raw) || Buffer.isBuffer(raw)) return new AwsError("SerializationException", "The request body must be a JSON object.", 400);
  try {
    fromJsonValue(shape.input, raw);
  } catch (e) {
    return new AwsError("SerializationException", (e as Error).message, 400);
  }
  const body = raw as Record<string, any>;
  const entries: Record<string, any>[] = op === "SendMessage" ? [body] : op === "SendMessageBatch" && Array.isArray(body.Entries) ? body.Entries : [];
  for (const e of entries) {
    if (e?.MessageAttributes !== undefined) {
      if (typeof e.MessageAttributes !== "object" || e.MessageAttributes === null) return sqsParamError("MessageAttributes must be a map.");
      const bad = messageAttributesError(e.MessageAttributes as Record<string, AttributeValue>, { sns: false });
      if (bad) return sqsParamError(bad);
    }
    const delay = e?.DelaySeconds;
    if (delay !== undefined && !(Number.isInteger(delay) && delay >= 0 && delay <= 900)) {
      return sqsParamError(`Value ${delay} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`);
    }
  }
  if (op === "CreateQueue" && typeof body.QueueName === "string" && !validQueueName(body.QueueName)) {
    return sqsParamError("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  }
  // fauxqs hands out UUID receipt handles; anything else cannot be one (a stale UUID is fine, as on AWS).
  const handles = op === "DeleteMessage" || op === "ChangeMessageVisibility" ? [body.ReceiptHandle] : [];
  for (const h of handles) {
    if (typeof h === "string" && h && !UUID.test(h)) return new AwsError("ReceiptHandleIsInvalid", `The input receipt handle "${h}" is not a valid receipt handle.`, 400);
  }
  return undefined;
}

/** S3 DeleteObjects (POST /<bucket>?delete): the bucket must exist and the body must be a <Delete> document. */
function checkS3Request(request: FastifyRequest, s3: S3Store): AwsError | undefined {
  if (request.method !== "POST" || !("delete" in ((request.query ?? {}) as object))) return undefined;
  const bucket = (request.params as { bucket?: string } | undefined)?.bucket ?? "";
  if (!(s3 as unknown as { buckets: Map<string, unknown> }).buckets?.has(bucket)) return new AwsError("NoSuchBucket", "The specified bucket does not exist", 404);
  const text = (request.body as Buffer).toString("utf8");
  if (XMLValidator.validate(text) !== true || !/<Delete[\s>]/.test(text)) {
    return new AwsError("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema.", 400);
  }
  return undefined;
}

function s3ErrorXml(err: AwsError) {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message><RequestId>${randomUUID()}</RequestId></Error>`;
}

/** Answers a raw request fauxqs must not see (after draining its body), with an AWS error in the given protocol. */
export function rejectRaw(req: IncomingMessage, res: ServerResponse, err: AwsError, protocol: "query" | "json" | "s3", xmlns?: string): void {
  const requestId = randomUUID();
  const [type, body] =
    protocol === "json"
      ? ["application/x-amz-json-1.0", JSON.stringify({ __type: `com.amazonaws.sqs#${err.code}`, message: err.message })]
      : protocol === "query"
        ? ["text/xml", serializeQueryError(err, requestId, xmlns)]
        : ["application/xml", s3ErrorXml(err)];
  const answer = () => {
    if (res.headersSent) return;
    res.writeHead(err.statusCode, { "content-type": type, "x-amzn-requestid": requestId, "content-length": Buffer.byteLength(body) });
    res.end(body);
  };
  req.on("end", answer);
  req.on("error", () => res.destroy());
  req.resume();
}

type Dequeue = (...args: unknown[]) => unknown[];
const COUNTING = Symbol("lab.countReceives");

/**
 * fauxqs's spy hears sends and deletes but not receives; NumberOfMessagesReceived needs them. One
 * wrapper on SqsQueue.prototype.dequeue (FIFO queues go through it too) reports to the queue's own
 * spy, so each mount counts only its own queues.
 */
function countReceives(Queue: { prototype: SqsQueue }) {
  const proto = Queue.prototype as unknown as { dequeue: Dequeue; [COUNTING]?: true };
  if (proto[COUNTING]) return;
  const dequeue = proto.dequeue;
  proto.dequeue = function (this: { name: string; spy?: unknown }, ...args: unknown[]) {
    const result = dequeue.apply(this, args);
    if (this.spy instanceof FlowLog) this.spy.received(this.name, result.length);
    return result;
  };
  proto[COUNTING] = true;
}
