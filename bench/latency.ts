// Publish-to-visible latency: a receiver long-polls one subscribed queue; each sample is the time
// from sending an SNS Publish to the ReceiveMessage answer carrying the message. Sequential samples,
// gateway vs bare fauxqs (both persistent, as `npm start` runs the gateway).
//   node bench/latency.ts [--samples 500]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { bareFauxqs, clientConfig, gateway, type Target } from "./fanout.ts";
import { metric, type Result, runAlone, sleep, summary } from "./util.ts";

async function samples(target: Target, n: number): Promise<number[]> {
  const sns = new SNSClient(clientConfig(target.url));
  const receiver = new SQSClient(clientConfig(target.url));
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: "latency" }));
  const { QueueUrl } = await receiver.send(new CreateQueueCommand({ QueueName: "latency" }));
  const arn = (await receiver.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
  await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: arn, Attributes: { FilterPolicy: '{"eventType":["order_created"]}', RawMessageDelivery: "true" } }));
  const out: number[] = [];
  try {
    for (let i = -20; i < n; i++) {
      const receive = receiver.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 5 }));
      await sleep(3); // let the receive reach the server and start waiting
      const t0 = performance.now();
      await sns.send(new PublishCommand({ TopicArn, Message: `m-${i}`, MessageAttributes: { eventType: { DataType: "String", StringValue: "order_created" } } }));
      const got = await receive;
      const ms = performance.now() - t0;
      const m = got.Messages?.[0];
      if (m?.Body !== `m-${i}`) throw new Error(`${target.name}: sample ${i} received ${m?.Body ?? "nothing"} within 5 s`);
      await receiver.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      if (i >= 0) out.push(ms); // the first 20 warm up
    }
  } finally {
    sns.destroy();
    receiver.destroy();
  }
  return out;
}

export async function run(options: { samples?: number } = {}): Promise<Result> {
  const n = options.samples ?? 500;
  const started = performance.now();
  const dirs = [mkdtempSync(join(tmpdir(), "lat-bench-")), mkdtempSync(join(tmpdir(), "lat-bench-"))];
  const gw = await gateway(dirs[0]);
  const fx = await bareFauxqs(dirs[1]);
  try {
    const g = summary(await samples(gw, n));
    const f = summary(await samples(fx, n));
    const metrics = (["p50", "p90", "p99"] as const).map((p) =>
      metric({ label: `gateway publish→visible ${p} (n=${n})`, value: g[p], unit: "ms", baseline: { label: "bare fauxqs", value: f[p] }, target: p === "p50" ? { op: "<=", value: 2 } : undefined }),
    );
    return { name: "2. Publish-to-visible latency", metrics, notes: [`max gateway ${g.max.toFixed(1)} ms, bare fauxqs ${f.max.toFixed(1)} ms; time includes the Publish round trip (client in the same process)`], ms: performance.now() - started };
  } finally {
    await gw.stop();
    await fx.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

await runAlone(import.meta.url, async () => {
  const { values } = parseArgs({ options: { samples: { type: "string", default: "500" } } });
  return run({ samples: Number(values.samples) });
});
