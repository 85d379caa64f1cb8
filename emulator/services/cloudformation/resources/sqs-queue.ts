// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
import { allTags, ignoreNotFound, json, tagMap } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

// Defaults an attribute returns to when it is removed from the template.
const DEFAULTS: Record<string, string> = {
  DelaySeconds: "0",
  MaximumMessageSize: "262144",
  MessageRetentionPeriod: "345600",
  ReceiveMessageWaitTimeSeconds: "0",
  VisibilityTimeout: "30",
  RedrivePolicy: "",
  RedriveAllowPolicy: "",
  KmsMasterKeyId: "",
  KmsDataKeyReusePeriodSeconds: "300",
  SqsManagedSseEnabled: "true",
  ContentBasedDeduplication: "false",
  DeduplicationScope: "queue",
  FifoThroughputLimit: "perQueue",
};
const ATTRIBUTES = [...Object.keys(DEFAULTS), "FifoQueue"];

function attributes(props: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ATTRIBUTES) {
    const v = props[k];
    if (v === undefined) continue;
    out[k] = typeof v === "object" ? (json(v) as string) : String(v);
  }
  return out;
}

async function queueAttributes(url: string, ctx: ResourceContext) {
  const out = await ctx.api.call("sqs", "GetQueueAttributes", { QueueUrl: url, AttributeNames: ["QueueArn"] });
  const arn = out.Attributes.QueueArn as string;
  return { arn, attributes: { Arn: arn, QueueName: arn.split(":").pop(), QueueUrl: url } };
}

export const sqsQueue: ResourceModule = {
  type: "AWS::SQS::Queue",
  replaceOn: ["QueueName", "FifoQueue"],
  nameProperty: "QueueName",
  properties: [...ATTRIBUTES, "QueueName", "Tags"],
  async create(props, ctx) {
    const fifo = props.FifoQueue === true || props.FifoQueue === "true";
    const QueueName = props.QueueName ?? ctx.physicalName({ maxLength: 80, suffix: fifo ? ".fifo" : "" });
    const out = await ctx.api.call("sqs", "CreateQueue", { QueueName, Attributes: attributes(props), tags: tagMap(allTags(props, ctx)) });
    return { physicalId: out.QueueUrl, ...(await queueAttributes(out.QueueUrl, ctx)) };
  },
  async update(url, props, old, ctx) {
    const next = attributes(props);
    const prev = attributes(old);
    const changes: Record<string, string> = {};
    for (const k of Object.keys(DEFAULTS)) if (next[k] !== prev[k]) changes[k] = next[k] ?? DEFAULTS[k];
    if (Object.keys(changes).length) await ctx.api.call("sqs", "SetQueueAttributes", { QueueUrl: url, Attributes: changes });
    await ctx.api.call("sqs", "TagQueue", { QueueUrl: url, Tags: tagMap(allTags(props, ctx)) });
    return queueAttributes(url, ctx);
  },
  async delete(url, _props, ctx) {
    await ctx.api.call("sqs", "DeleteQueue", { QueueUrl: url }).catch(ignoreNotFound);
  },
};
