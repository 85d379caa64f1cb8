// SNS fan-out throughput through the gateway vs bare fauxqs, measured in the same run.
// 1 topic, 3 filtered SQS subscriptions (raw delivery), 8 publishes in flight, 2,000 messages.
//   node bench/fanout.ts [--messages 2000] [--concurrency 8] [--rounds 3] [--persistent]
// "Bare fauxqs" is fauxqs's own Fastify app listening on 127.0.0.1 with the same stores and
// persistence wiring as startFauxqs() (which always binds 0.0.0.0, so it is not used here).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { EmulatorConfigSchema } from "../emulator/config.ts";
import { startGateway } from "../emulator/gateway/gateway.ts";
import { loadFauxqsInternals } from "../emulator/services/fauxqs/dist.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";
const { values: args } = parseArgs({
  options: { messages: { type: "string", default: "2000" }, concurrency: { type: "string", default: "8" }, rounds: { type: "string", default: "5" }, persistent: { type: "boolean", default: false } },
});
const MESSAGES = Number(args.messages);
const CONCURRENCY = Number(args.concurrency);
const ROUNDS = Number(args.rounds);
const POLICIES = ['{"eventType":["order_created","order_cancelled"]}', '{"eventType":["order_created","order_shipped"]}', '{"eventType":[{"prefix":"order_"}],"quantity":[{"numeric":[">=",0]}]}'];
const EVENT_TYPES = ["order_created", "order_shipped", "order_cancelled", "user_registered"];

interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

async function bareFauxqs(dataDir?: string): Promise<Target> {
  const { SqsStore, SnsStore, S3Store, PersistenceManager } = await loadFauxqsInternals();
  const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
  const pm = dataDir ? new PersistenceManager(dataDir) : undefined;
  if (pm) {
    pm.load(stores.sqsStore, stores.snsStore, stores.s3Store);
    stores.sqsStore.persistence = pm;
    stores.snsStore.persistence = pm;
    stores.s3Store.persistence = pm;
  }
  const app = buildApp({ logger: false, stores });
  const address = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    name: "bare fauxqs",
    url: address,
    stop: async () => {
      await app.close();
      pm?.close();
    },
  };
}

async function gateway(dataDir?: string): Promise<Target> {
  const gw = await startGateway(EmulatorConfigSchema.parse({ port: 0, ephemeral: !dataDir, dataDir, quiet: true }));
  return { name: "gateway", url: gw.url, stop: () => gw.stop() };
}

async function run(target: Target, round: number): Promise<{ rate: number; cpuUs: number; delivered: number }> {
  const cfg = { endpoint: target.url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } };
  const sns = new SNSClient(cfg);
  const sqs = new SQSClient(cfg);
  const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `fanout-${round}` }));
  const queues: string[] = [];
  for (const [i, policy] of POLICIES.entries()) {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `fanout-${round}-${i}` }));
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!.QueueArn!;
    await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: arn, Attributes: { FilterPolicy: policy, RawMessageDelivery: "true" } }));
    queues.push(QueueUrl!);
  }
  let next = 0;
  const publish = (i: number) =>
    sns.send(
      new PublishCommand({
        TopicArn,
        Message: JSON.stringify({ orderId: `o-${i}`, userId: "u-1", status: "created" }),
        MessageAttributes: { eventType: { DataType: "String", StringValue: EVENT_TYPES[i % EVENT_TYPES.length] }, quantity: { DataType: "Number", StringValue: String(i % 20) } },
      }),
    );
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < MESSAGES) await publish(next++);
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  let delivered = 0;
  for (const q of queues) delivered += Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: q, AttributeNames: ["ApproximateNumberOfMessages"] }))).Attributes!.ApproximateNumberOfMessages);
  sns.destroy();
  sqs.destroy();
  return { rate: MESSAGES / seconds, cpuUs: (cpu.user + cpu.system) / MESSAGES, delivered };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dirs: string[] = [];
const dataDir = () => {
  if (!args.persistent) return undefined;
  const d = mkdtempSync(join(tmpdir(), "fanout-bench-"));
  dirs.push(d);
  return d;
};

// Client and servers share this process, so CPU time per publish is reported next to wall-clock
// throughput: on a busy machine it is the steadier of the two. Each round runs both targets back
// to back (alternating order) and the ratios are per round; the medians are printed.
const targets = [await gateway(dataDir()), await bareFauxqs(dataDir())];
const rateRatios: number[] = [];
const cpuRatios: number[] = [];
const rates: Record<string, number[]> = { gateway: [], "bare fauxqs": [] };
try {
  for (const t of targets) await run(t, 0); // warm-up (JIT, sockets)
  for (let r = 1; r <= ROUNDS; r++) {
    const res: Record<string, { rate: number; cpuUs: number }> = {};
    for (const t of r % 2 ? targets : [...targets].reverse()) {
      const out = await run(t, r);
      res[t.name] = out;
      rates[t.name].push(out.rate);
      console.log(`round ${r} ${t.name.padEnd(11)} ${out.rate.toFixed(0).padStart(6)} publishes/s  ${out.cpuUs.toFixed(0).padStart(4)} µs CPU/publish  (${out.delivered} deliveries)`);
    }
    rateRatios.push(res.gateway.rate / res["bare fauxqs"].rate);
    cpuRatios.push(res["bare fauxqs"].cpuUs / res.gateway.cpuUs);
  }
} finally {
  for (const t of targets) await t.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
}
console.log(`\nfan-out (${MESSAGES} msgs, ${CONCURRENCY} in flight, 3 filtered subs, ${args.persistent ? "persistent" : "ephemeral"}), medians of ${ROUNDS} rounds:`);
console.log(`gateway      ${median(rates.gateway).toFixed(0)} publishes/s`);
console.log(`bare fauxqs  ${median(rates["bare fauxqs"]).toFixed(0)} publishes/s`);
console.log(`ratio        ${median(rateRatios).toFixed(2)}x throughput, ${median(cpuRatios).toFixed(2)}x CPU efficiency (target >= 0.90)`);
