// SQS: fauxqs (in-process) plus what it lacks: the query protocol, DLQ redrive (message move
// tasks, ListDeadLetterSourceQueues) and the inspection routes the console reads.
import * as schemas from "@aws-sdk/client-sqs";
import { DEFAULT_REGION } from "../../../lib/lab/contract.ts";
import { AwsError } from "../../core/errors.ts";
import type { ServiceEnv, ServiceModule } from "../../core/service.ts";
import type { SqsMessage, SqsQueue } from "../fauxqs/dist.ts";
import type { FauxqsMount } from "../fauxqs/mount.ts";
import { cancelMessageMoveTask } from "./actions/cancelMessageMoveTask.ts";
import { listDeadLetterSourceQueues } from "./actions/listDeadLetterSourceQueues.ts";
import { listMessageMoveTasks } from "./actions/listMessageMoveTasks.ts";
import { startMessageMoveTask } from "./actions/startMessageMoveTask.ts";
import { createSqsRawHandler, SQS_XMLNS } from "./protocol.ts";
import { deadLetterSources, MessageMoveTasks, redrivePolicyOf } from "./store.ts";

export function sqs(mount: FauxqsMount, env: ServiceEnv): ServiceModule {
  const tasks = new MessageMoveTasks(mount, env);
  const operations = {
    StartMessageMoveTask: startMessageMoveTask(tasks),
    CancelMessageMoveTask: cancelMessageMoveTask(tasks),
    ListMessageMoveTasks: listMessageMoveTasks(tasks),
    ListDeadLetterSourceQueues: listDeadLetterSourceQueues(mount),
  };
  return {
    name: "sqs",
    signingNames: ["sqs"],
    targetPrefixes: ["AmazonSQS"],
    xmlNamespace: SQS_XMLNS,
    schemas,
    operations,
    raw: createSqsRawHandler(mount, operations, env),
    lab: {
      "GET /sqs/queues": () => ({ queues: [...mount.sqs.allQueues()].sort((a, b) => a.name.localeCompare(b.name)).map((q) => queueSummary(mount, q)) }),
      "GET /sqs/peek/:queueName": ({ params, url }) => peek(mount, params.queueName, url.searchParams),
      // Cumulative sent/received/deleted per queue, for AWS/SQS NumberOfMessages* (runtime/sqs-metrics).
      "GET /sqs/counters": () => ({ queues: Object.fromEntries(mount.flow.counts) }),
    },
    start: () => tasks.resume(),
    stop: async () => {
      tasks.stopAll();
      await mount.close();
    },
    reset: () => {
      tasks.stopAll();
      mount.reset();
    },
  };
}

function queueSummary(mount: FauxqsMount, q: SqsQueue) {
  const redrive = redrivePolicyOf(q);
  const dlq = redrive?.deadLetterTargetArn ? mount.sqs.getQueueByArn(redrive.deadLetterTargetArn) : undefined;
  const sources = deadLetterSources(mount, q.arn).map((s) => s.name);
  return {
    name: q.name,
    url: q.url,
    arn: q.arn,
    region: q.arn.split(":")[3],
    fifo: q.isFifo(),
    visible: Number(q.getAttribute("ApproximateNumberOfMessages")),
    inFlight: Number(q.getAttribute("ApproximateNumberOfMessagesNotVisible")),
    delayed: Number(q.getAttribute("ApproximateNumberOfMessagesDelayed")),
    visibilityTimeout: Number(q.attributes.VisibilityTimeout),
    deadLetterQueue: redrive?.deadLetterTargetArn ? { arn: redrive.deadLetterTargetArn, name: dlq?.name ?? redrive.deadLetterTargetArn.split(":").pop(), maxReceiveCount: redrive.maxReceiveCount ?? null } : null,
    deadLetterSourceQueues: sources,
  };
}

function messageView(m: SqsMessage, state: "ready" | "delayed" | "in-flight", extra: Record<string, unknown> = {}) {
  return {
    messageId: m.messageId,
    state,
    receiveCount: m.approximateReceiveCount,
    body: m.body,
    messageAttributes: m.messageAttributes,
    attributes: {
      SentTimestamp: String(m.sentTimestamp),
      ApproximateReceiveCount: String(m.approximateReceiveCount),
      ...(m.approximateFirstReceiveTimestamp ? { ApproximateFirstReceiveTimestamp: String(m.approximateFirstReceiveTimestamp) } : {}),
      ...(m.messageGroupId ? { MessageGroupId: m.messageGroupId } : {}),
      ...(m.messageDeduplicationId ? { MessageDeduplicationId: m.messageDeduplicationId } : {}),
      ...(m.sequenceNumber ? { SequenceNumber: m.sequenceNumber } : {}),
    },
    ...(m.delayUntil && state === "delayed" ? { visibleAt: new Date(m.delayUntil).toISOString() } : {}),
    ...extra,
  };
}

/** Every message in a queue, without receiving (so no receive count or DLQ move is spent). */
function peek(mount: FauxqsMount, name: string, search: URLSearchParams) {
  const region = search.get("region") ?? DEFAULT_REGION;
  const q = mount.sqs.getQueueByArn(`arn:aws:sqs:${region}:000000000000:${name}`) ?? mount.sqs.getQueueByName(name);
  if (!q) throw new AwsError("QueueDoesNotExist", `The queue ${name} does not exist in ${region}.`, 404);
  const limit = Math.max(1, Math.min(Number(search.get("limit") ?? 100) || 100, 1000));
  q.processTimers();
  const m = q.inspectMessages();
  const messages = [
    ...m.ready.map((x) => messageView(x, "ready")),
    ...m.inflight.map((f) => messageView(f.message, "in-flight", { visibleAt: new Date(f.visibilityDeadline).toISOString() })),
    ...m.delayed.map((x) => messageView(x, "delayed")),
  ];
  return { ...queueSummary(mount, q), total: messages.length, messages: messages.slice(0, limit) };
}
