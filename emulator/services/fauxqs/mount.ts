// One fauxqs instance, mounted in-process, serving the sqs, sns and s3 ServiceModules.
// The Fastify app is built once and never listens: the gateway hands each raw request to
// `app.routing(req, res)`, so there is no extra network hop and no body re-encoding.
// Persistence is fauxqs's own SQLite write-through (`${dataDir}/fauxqs/fauxqs.db`), wired the way
// startFauxqs() wires it; every change is an autocommitted statement, so it survives SIGKILL.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from "fastify";
import { buildApp } from "fauxqs";
import { type FilterPolicyScope, validateFilterPolicy } from "../../../lib/messaging/filter-policy.ts";
import { DEFAULT_REGION } from "../../../lib/lab/contract.ts";
import { AwsError } from "../../core/errors.ts";
import type { ServiceEnv } from "../../core/service.ts";
import { serializeQueryError } from "../../protocols/query.ts";
import { loadFauxqsInternals, type PersistenceManager, type S3Store, type SnsStore, type SqsStore } from "./dist.ts";
import { FlowLog } from "./flow-log.ts";

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
  const { SqsStore, SnsStore, S3Store, PersistenceManager } = await loadFauxqsInternals();
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
    persistence = new PersistenceManager(join(env.dataDir, "fauxqs"));
    // Load before attaching persistence to the stores, as startFauxqs() does, so loading writes nothing.
    persistence.load(sqs, sns, s3);
    sqs.persistence = persistence;
    sns.persistence = persistence;
    s3.persistence = persistence;
    for (const q of sqs.allQueues()) q.persistence = persistence;
    keepMessagesOnQueueRewrite(persistence);
  }

  const app = buildApp({ logger: false, stores: { sqsStore: sqs, snsStore: sns, s3Store: s3 } });
  app.addHook("preHandler", (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const body = request.body as Record<string, string> | undefined;
    const action = body && typeof body === "object" ? body.Action : undefined;
    if (action === "Subscribe" || action === "SetSubscriptionAttributes" || action === "PublishBatch") {
      const err = checkSnsRequest(action, body!, sns);
      if (err) {
        reply.code(err.statusCode).header("content-type", "text/xml").send(serializeQueryError(err, randomUUID(), SNS_XMLNS));
        return;
      }
    }
    done();
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

function formEntries(body: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    const m = k.startsWith(prefix) ? /^(\d+)\.key$/.exec(k.slice(prefix.length)) : null;
    if (m) out[v] = body[`${prefix}${m[1]}.value`] ?? "";
  }
  return out;
}

/** AWS checks fauxqs skips: filter-policy syntax and limits, and PublishBatch's total size. */
function checkSnsRequest(action: string, body: Record<string, string>, sns: SnsStore): AwsError | undefined {
  if (action === "PublishBatch") {
    let total = 0;
    for (const [k, v] of Object.entries(body)) {
      if (/^PublishBatchRequestEntries\.member\.\d+\.(Message|MessageAttributes\.entry\.\d+\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue))$/.test(k)) total += Buffer.byteLength(v, "utf8");
    }
    return total > SNS_MAX_BATCH_BYTES ? new AwsError("BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400) : undefined;
  }
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
