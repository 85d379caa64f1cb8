// DLQ redrive ("message move tasks"), which fauxqs lacks. A task moves messages out of a
// dead-letter queue, at most MaxNumberOfMessagesPerSecond, back to the queue each message came
// from (or to DestinationArn), using fauxqs's own ReceiveMessage / SendMessage / DeleteMessage.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_StartMessageMoveTask.html
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html
import type { ListMessageMoveTasksResultEntry } from "@aws-sdk/client-sqs";
import type { ServiceEnv } from "../../core/service.ts";
import type { PersistentMap } from "../../core/state.ts";
import type { SqsQueue } from "../fauxqs/dist.ts";
import type { FauxqsMount } from "../fauxqs/mount.ts";
import { sqsError } from "./errors.ts";

export type MoveTaskStatus = "RUNNING" | "COMPLETED" | "CANCELLING" | "CANCELLED" | "FAILED";

export interface MoveTask {
  TaskHandle: string;
  Status: MoveTaskStatus;
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove: number;
  FailureReason?: string;
  StartedTimestamp: number;
}

/** AWS picks a "system-optimized" rate when none is given; 500 msg/s is the highest rate one may set. */
export const DEFAULT_MOVE_RATE = 500;
const TICK_MS = 200;
const ACTIVE: MoveTaskStatus[] = ["RUNNING", "CANCELLING"];

export function redrivePolicyOf(q: SqsQueue): { deadLetterTargetArn?: string; maxReceiveCount?: number } | undefined {
  if (!q.attributes.RedrivePolicy) return undefined;
  try {
    const p = JSON.parse(q.attributes.RedrivePolicy);
    return { deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: p.maxReceiveCount === undefined ? undefined : Number(p.maxReceiveCount) };
  } catch {
    return undefined;
  }
}

/** Queues whose RedrivePolicy names `dlqArn`, sorted by name. */
export function deadLetterSources(mount: FauxqsMount, dlqArn: string): SqsQueue[] {
  return [...mount.sqs.allQueues()].filter((q) => redrivePolicyOf(q)?.deadLetterTargetArn === dlqArn).sort((a, b) => a.name.localeCompare(b.name));
}

export class MessageMoveTasks {
  private tasks: PersistentMap<MoveTask>;
  /** SQS message id -> ARN of the queue fauxqs moved it to the DLQ from. */
  private origins: PersistentMap<string>;
  private timers = new Map<string, NodeJS.Timeout>();
  /** Bumped by stopAll(), so a tick still awaiting fauxqs after a reset writes nothing back. */
  private generation = 0;
  private mount: FauxqsMount;

  constructor(mount: FauxqsMount, env: ServiceEnv) {
    this.mount = mount;
    this.tasks = env.state.map<MoveTask>("sqs.messageMoveTasks");
    this.origins = env.state.map<string>("sqs.deadLetterOrigins");
    mount.flow.onDeadLetter = (sourceQueueName, messageId) => {
      const q = mount.sqs.getQueueByName(sourceQueueName);
      if (q) this.origins.set(messageId, q.arn);
    };
  }

  /** Resumes tasks that were running when the emulator stopped. */
  resume(): void {
    for (const t of this.tasks.values()) {
      if (t.Status === "CANCELLING") this.save({ ...t, Status: "CANCELLED" });
      else if (t.Status === "RUNNING") this.schedule(t.TaskHandle);
    }
  }

  stopAll(): void {
    this.generation++;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }

  start(input: { SourceArn?: string; DestinationArn?: string; MaxNumberOfMessagesPerSecond?: number }): MoveTask {
    const source = this.queueByArn(input.SourceArn, "SourceArn");
    if (input.DestinationArn) this.queueByArn(input.DestinationArn, "DestinationArn");
    const rate = input.MaxNumberOfMessagesPerSecond;
    if (rate !== undefined && (!Number.isInteger(rate) || rate < 1 || rate > 500)) {
      throw sqsError("InvalidParameterValue", `Value ${rate} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: Must be between 1 and 500.`);
    }
    if (deadLetterSources(this.mount, source.arn).length === 0) {
      throw sqsError("InvalidParameterValue", "Source queue must be configured as a Dead Letter Queue.");
    }
    if ([...this.tasks.values()].some((t) => t.SourceArn === source.arn && ACTIVE.includes(t.Status))) {
      throw sqsError("UnsupportedOperation", "There is already a task running. Only one active task is allowed for a source queue arn at a given time.");
    }
    const id = crypto.randomUUID();
    const task: MoveTask = {
      TaskHandle: Buffer.from(JSON.stringify({ taskId: id, sourceArn: source.arn })).toString("base64"),
      Status: "RUNNING",
      SourceArn: source.arn,
      ...(input.DestinationArn ? { DestinationArn: input.DestinationArn } : {}),
      ...(rate !== undefined ? { MaxNumberOfMessagesPerSecond: rate } : {}),
      ApproximateNumberOfMessagesMoved: 0,
      ApproximateNumberOfMessagesToMove: Number(source.getAttribute("ApproximateNumberOfMessages") ?? 0) + source.inflightMessages.size,
      StartedTimestamp: Date.now(),
    };
    this.save(task);
    this.schedule(task.TaskHandle);
    return task;
  }

  cancel(handle: string | undefined): MoveTask {
    const t = handle ? this.tasks.get(handle) : undefined;
    if (!t) throw sqsError("ResourceNotFoundException", "The resource that you specified for the TaskHandle parameter doesn't exist.");
    if (t.Status !== "RUNNING") throw sqsError("UnsupportedOperation", `Only a RUNNING task can be cancelled; this task is ${t.Status}.`);
    return this.save({ ...t, Status: "CANCELLING" });
  }

  /** The most recent tasks for a source queue, newest first. */
  list(sourceArn: string | undefined, maxResults = 1): ListMessageMoveTasksResultEntry[] {
    const source = this.queueByArn(sourceArn, "SourceArn");
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 10) {
      throw sqsError("InvalidParameterValue", `Value ${maxResults} for parameter MaxResults is invalid. Reason: Must be between 1 and 10.`);
    }
    return [...this.tasks.values()]
      .filter((t) => t.SourceArn === source.arn)
      .sort((a, b) => b.StartedTimestamp - a.StartedTimestamp)
      .slice(0, maxResults)
      .map(({ TaskHandle, FailureReason, ...rest }) => ({
        ...(rest.Status === "RUNNING" ? { TaskHandle } : {}),
        ...rest,
        ...(rest.Status === "FAILED" ? { FailureReason } : {}),
      }));
  }

  private queueByArn(arn: string | undefined, param: string): SqsQueue {
    if (!arn) throw sqsError("MissingParameter", `The request must contain the parameter ${param}.`);
    const q = this.mount.sqs.getQueueByArn(arn);
    if (!q) throw sqsError("ResourceNotFoundException", `The resource that you specified for the ${param} parameter doesn't exist.`);
    return q;
  }

  private save(t: MoveTask, generation = this.generation): MoveTask {
    if (generation === this.generation) this.tasks.set(t.TaskHandle, t);
    return t;
  }

  private schedule(handle: string, allowance = 0): void {
    const generation = this.generation;
    const timer = setTimeout(() => {
      this.timers.delete(handle);
      this.tick(handle, allowance, generation).catch((e) => {
        const t = this.tasks.get(handle);
        if (t) this.save({ ...t, Status: "FAILED", FailureReason: `AWS.SimpleQueueService.InternalError: ${(e as Error).message}` }, generation);
      });
    }, TICK_MS);
    timer.unref();
    this.timers.set(handle, timer);
  }

  private async tick(handle: string, carried: number, generation: number): Promise<void> {
    const save = (task: MoveTask) => this.save(task, generation);
    let t = this.tasks.get(handle);
    if (!t) return;
    if (t.Status === "CANCELLING") {
      save({ ...t, Status: "CANCELLED" });
      return;
    }
    if (t.Status !== "RUNNING") return;
    const source = this.mount.sqs.getQueueByArn(t.SourceArn);
    if (!source) {
      save({ ...t, Status: "FAILED", FailureReason: "AWS.SimpleQueueService.NonExistentQueue: the source queue was deleted." });
      return;
    }
    let allowance = carried + ((t.MaxNumberOfMessagesPerSecond ?? DEFAULT_MOVE_RATE) * TICK_MS) / 1000;
    let drained = false;
    while (generation === this.generation && allowance >= 1 && t.ApproximateNumberOfMessagesMoved < t.ApproximateNumberOfMessagesToMove) {
      const want = Math.min(10, Math.floor(allowance), t.ApproximateNumberOfMessagesToMove - t.ApproximateNumberOfMessagesMoved);
      const r = await this.mount.sqsJson("ReceiveMessage", { QueueUrl: source.url, MaxNumberOfMessages: want, VisibilityTimeout: 30, MessageSystemAttributeNames: ["All"], MessageAttributeNames: ["All"] });
      if (r.status !== 200) throw new Error(r.body?.message ?? `ReceiveMessage answered ${r.status}`);
      const messages: any[] = r.body.Messages ?? [];
      if (messages.length === 0) {
        drained = true;
        break;
      }
      for (const m of messages) {
        const destArn = t.DestinationArn ?? this.origins.get(m.MessageId) ?? deadLetterSources(this.mount, source.arn)[0]?.arn;
        const dest = destArn ? this.mount.sqs.getQueueByArn(destArn) : undefined;
        if (!dest) {
          await this.mount.sqsJson("ChangeMessageVisibility", { QueueUrl: source.url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
          save({ ...t, Status: "FAILED", FailureReason: `AWS.SimpleQueueService.NonExistentQueue: destination ${destArn ?? "(unknown)"} does not exist.` });
          return;
        }
        const send = await this.mount.sqsJson("SendMessage", {
          QueueUrl: dest.url,
          MessageBody: m.Body,
          ...(m.MessageAttributes ? { MessageAttributes: m.MessageAttributes } : {}),
          ...(dest.isFifo() ? { MessageGroupId: m.Attributes?.MessageGroupId ?? "redrive", MessageDeduplicationId: m.Attributes?.MessageDeduplicationId ?? m.MessageId } : {}),
        });
        if (send.status !== 200) {
          await this.mount.sqsJson("ChangeMessageVisibility", { QueueUrl: source.url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
          save({ ...t, Status: "FAILED", FailureReason: `${send.body?.__type?.split("#").pop() ?? "SendMessage"}: ${send.body?.message ?? ""}` });
          return;
        }
        await this.mount.sqsJson("DeleteMessage", { QueueUrl: source.url, ReceiptHandle: m.ReceiptHandle });
        this.origins.delete(m.MessageId);
        allowance -= 1;
        t = save({ ...t, ApproximateNumberOfMessagesMoved: t.ApproximateNumberOfMessagesMoved + 1 });
      }
      // A cancel may have arrived while this batch was moving.
      const latest = this.tasks.get(handle);
      if (latest?.Status === "CANCELLING") {
        save({ ...latest, Status: "CANCELLED" });
        return;
      }
    }
    if (drained || t.ApproximateNumberOfMessagesMoved >= t.ApproximateNumberOfMessagesToMove) {
      save({ ...t, Status: "COMPLETED" });
      return;
    }
    if (generation === this.generation) this.schedule(handle, Math.min(allowance, 10));
  }
}

export function ensureQueue(mount: FauxqsMount, url: string | undefined): SqsQueue {
  if (!url) throw sqsError("MissingParameter", "The request must contain the parameter QueueUrl.");
  const q = mount.sqs.getQueue(url);
  if (!q) throw sqsError("QueueDoesNotExist", "The specified queue does not exist.");
  return q;
}
