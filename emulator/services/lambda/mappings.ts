// Event source mappings: shapes and the checks AWS makes against the queue.
// https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-configure.html
import type { EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../core/service.ts";
import { constraintViolation, invalidParameter, resourceNotFound } from "./errors.ts";
import type { FunctionRecord, LambdaStore, MappingRecord } from "./store.ts";

const SQS_ARN_RE = /^arn:aws[a-zA-Z-]*:sqs:([a-z0-9-]+):(\d{12}):([a-zA-Z0-9_-]{1,80}(\.fifo)?)$/;

export function mappingResponse(m: MappingRecord, state?: string): EventSourceMappingConfiguration {
  return { ...structuredClone(m.config), LastModified: new Date(m.config.LastModified), State: state ?? m.config.State };
}

export function getMapping(store: LambdaStore, uuid: string | undefined): MappingRecord {
  const m = uuid ? store.mappings.get(uuid) : undefined;
  if (!m) throw resourceNotFound("The resource you requested does not exist.");
  return m;
}

export interface BatchSettings {
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
}

/** Batch limits for SQS sources: 10 without a batching window (FIFO: always), 10,000 with one. */
export function validateBatch(s: BatchSettings, fifo: boolean): void {
  const size = s.BatchSize ?? 10;
  if (!Number.isInteger(size) || size < 1 || size > 10000) throw constraintViolation("batchSize", size, "have value between 1 and 10000");
  const window = s.MaximumBatchingWindowInSeconds ?? 0;
  if (window < 0 || window > 300) throw constraintViolation("maximumBatchingWindowInSeconds", window, "have value between 0 and 300");
  if (size > 10 && (fifo || window === 0)) {
    throw invalidParameter(`Maximum batch size for SQS is 10 when MaximumBatchingWindowInSeconds is 0${fifo ? " or the queue is FIFO" : ""}. Provided batch size: ${size}.`);
  }
  for (const t of s.FunctionResponseTypes ?? []) {
    if (t !== "ReportBatchItemFailures") throw constraintViolation("functionResponseTypes", t, "satisfy enum value set: [ReportBatchItemFailures]");
  }
}

/** Parses the SQS queue ARN and checks, like AWS, that the queue exists and hides messages at least as long as the function may run. */
export async function checkQueue(arn: string | undefined, fn: FunctionRecord, ctx: RequestContext): Promise<{ fifo: boolean }> {
  const m = SQS_ARN_RE.exec(arn ?? "");
  if (!m) {
    if (/^arn:aws[a-zA-Z-]*:(kinesis|dynamodb|kafka|mq|docdb)/.test(arn ?? "")) throw invalidParameter(`This emulator supports SQS event sources only; got ${arn}.`);
    throw constraintViolation("eventSourceArn", arn ?? "null", "satisfy regular expression pattern: arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)");
  }
  const [, region, accountId, QueueName] = m;
  const sqs = (op: string, input: unknown) => ctx.emulator.call("sqs", op, input, { accountId, region });
  let visibility: number;
  try {
    const { QueueUrl } = await sqs("GetQueueUrl", { QueueName, QueueOwnerAWSAccountId: accountId });
    const { Attributes } = await sqs("GetQueueAttributes", { QueueUrl, AttributeNames: ["VisibilityTimeout"] });
    visibility = Number(Attributes?.VisibilityTimeout ?? 30);
  } catch (e) {
    const code = (e as { name?: string }).name;
    throw invalidParameter(`Error occurred while ReceiveMessage. SQS Error Code: ${code === "QueueDoesNotExist" ? "AWS.SimpleQueueService.NonExistentQueue" : code}. SQS Error Message: ${(e as Error).message}`);
  }
  const timeout = fn.config.Timeout ?? 3;
  if (visibility < timeout) throw invalidParameter(`Queue visibility timeout: ${visibility} seconds is less than Function timeout: ${timeout} seconds`);
  return { fifo: QueueName.endsWith(".fifo") };
}
