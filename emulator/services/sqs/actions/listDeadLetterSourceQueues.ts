import type { ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesResult } from "@aws-sdk/client-sqs";
import type { FauxqsMount } from "../../fauxqs/mount.ts";
import { sqsError } from "../errors.ts";
import { deadLetterSources, ensureQueue } from "../store.ts";

// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ListDeadLetterSourceQueues.html
export const listDeadLetterSourceQueues = (mount: FauxqsMount) => (input: ListDeadLetterSourceQueuesRequest) => {
  const dlq = ensureQueue(mount, input.QueueUrl);
  const max = input.MaxResults ?? 1000;
  if (!Number.isInteger(max) || max < 1 || max > 1000) throw sqsError("InvalidParameterValue", `Value ${max} for parameter MaxResults is invalid. Reason: Must be between 1 and 1000.`);
  const start = input.NextToken ? Number(Buffer.from(input.NextToken, "base64").toString("utf8")) : 0;
  if (!Number.isInteger(start) || start < 0) throw sqsError("InvalidParameterValue", "Invalid NextToken value.");
  const urls = deadLetterSources(mount, dlq.arn).map((q) => q.url);
  const page = urls.slice(start, start + max);
  const next = start + max < urls.length ? Buffer.from(String(start + max)).toString("base64") : undefined;
  return { queueUrls: page, ...(next && input.MaxResults !== undefined ? { NextToken: next } : {}) } satisfies ListDeadLetterSourceQueuesResult;
};
