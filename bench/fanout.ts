// SNS fan-out throughput: 1 topic, 3 SQS subscriptions with attribute filter policies (raw
// delivery), N messages with rotating event types, 8 publishes in flight; then every queue is
// drained with ReceiveMessage(10) + DeleteMessageBatch and the per-queue counts are checked.
// Each target gets its N messages as two runs of N/2, interleaved A B B A after a warm-up.
// Targets: the emulator gateway, bare fauxqs configured like it (same persistence), moto server.
//   node bench/fanout.ts [--messages 5000] [--moto-messages 600] [--concurrency 8] [--no-ephemeral]
// "Bare fauxqs" is fauxqs's own Fastify app listening on 127.0.0.1 with the same stores and
// persistence wiring as startFauxqs() (which always binds 0.0.0.0, so it is not used here).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { buildApp } from "fauxqs";
import { EmulatorConfigSchema } from "../emulator/config.ts";
import { startGateway } from "../emulator/gateway/gateway.ts";
import { loadFauxqsInternals } from "../emulator/services/fauxqs/dist.ts";
import { freePort, metric, type Result, runAlone, waitUntil } from "./util.ts";

export const POLICIES = ['{"eventType":["order_created","order_cancelled"]}', '{"eventType":["order_created","order_shipped"]}', '{"eventType":[{"prefix":"order_"}],"quantity":[{"numeric":[">=",0]}]}'];
export const EVENT_TYPES = ["order_created", "order_shipped", "order_cancelled", "user_registered"];
/** Which of POLICIES message i matches (independent check of the filter engine). */
const matches = (i: number) => {
  const t = EVENT_TYPES[i % EVENT_TYPES.length];
  return [t === "order_created" || t === "order_cancelled", t === "order_created" || t === "order_shipped", t.startsWith("order_")];
};
export const expectedCounts = (n: number) => {
  const c = [0, 0, 0];
  for (let i = 0; i < n; i++) for (const [q, m] of matches(i).entries()) c[q] += m ? 1 : 0;
  return c;
};

export interface Target {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function bareFauxqs(dataDir?: string): Promise<Target> {
  const { SqsStore, SnsStore, S3Store, openPersistence } = await loadFauxqsInternals();
  const stores = { sqsStore: new SqsStore(), snsStore: new SnsStore(), s3Store: new S3Store() };
  // The gateway's persistence setting: fauxqs's SQLite in WAL mode with synchronous=NORMAL.
  const pm = dataDir ? openPersistence(dataDir) : undefined;
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

export async function gateway(dataDir?: string): Promise<Target> {
  const gw = await startGateway(EmulatorConfigSchema.parse({ port: 0, ephemeral: !dataDir, dataDir, quiet: true }));
  return { name: "gateway", url: gw.url, stop: () => gw.stop() };
}

export async function moto(): Promise<Target> {
  const port = await freePort();
  const child = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const url = `http://127.0.0.1:${port}`;
  await waitUntil("moto server", async () => (await fetch(`${url}/moto-api/`)).status < 500, 30_000, 100);
  return {
    name: "moto",
    url,
    stop: async () => {
      if (child.pid) process.kill(child.pid, "SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    },
  };
}

export const clientConfig = (url: string) => ({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" }, maxAttempts: 1 });

export interface FanoutRun {
  messages: number;
  publishesPerS: number;
  drainedPerS: number;
  deliveries: number;
  cpuUsPerPublish: number;
}

/** One full run on a target; throws if any queue holds a wrong number of messages. */
export async function fanoutOnce(target: Target, tag: string, messages: number, concurrency: number): Promise<FanoutRun> {
  const sns = new SNSClient(clientConfig(target.url));
  const sqs = new SQSClient(clientConfig(target.url));
  try {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `fanout-${tag}` }));
    const queues: string[] = [];
    for (const [i, policy] of POLICIES.entries()) {
      const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: `fanout-${tag}-${i}` }));
      const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes?.QueueArn;
      await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: arn, Attributes: { FilterPolicy: policy, RawMessageDelivery: "true" } }));
      queues.push(QueueUrl as string);
    }
    let next = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < messages) {
          const i = next++;
          await sns.send(
            new PublishCommand({
              TopicArn,
              Message: JSON.stringify({ orderId: `o-${i}`, userId: "u-1", status: "created" }),
              MessageAttributes: { eventType: { DataType: "String", StringValue: EVENT_TYPES[i % EVENT_TYPES.length] }, quantity: { DataType: "Number", StringValue: String(i % 20) } },
            }),
          );
        }
      }),
    );
    const publishS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);

    const expected = expectedCounts(messages);
    const t1 = performance.now();
    const got = await Promise.all(
      queues.map(async (QueueUrl, q) => {
        const seen = new Set<string>();
        let idle = 0;
        while (idle < 3) {
          const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: seen.size >= expected[q] ? 0 : 1 }));
          const msgs = out.Messages ?? [];
          if (!msgs.length) {
            if (seen.size >= expected[q]) idle = 3;
            else idle++;
            continue;
          }
          idle = 0;
          for (const m of msgs) seen.add(JSON.parse(m.Body as string).orderId);
          const del = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: msgs.map((m, k) => ({ Id: String(k), ReceiptHandle: m.ReceiptHandle })) }));
          if (del.Failed?.length) throw new Error(`${target.name}: DeleteMessageBatch failed for ${del.Failed.length} entries: ${del.Failed[0].Code}`);
        }
        return seen.size;
      }),
    );
    const drainS = (performance.now() - t1) / 1000;
    for (const [q, QueueUrl] of queues.entries()) {
      const a = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }))).Attributes ?? {};
      const left = Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible);
      if (got[q] !== expected[q] || left !== 0) {
        throw new Error(`${target.name} (${tag}): queue ${q} (${POLICIES[q]}) received ${got[q]} distinct messages, expected exactly ${expected[q]}; ${left} left after draining`);
      }
    }
    const deliveries = got.reduce((a, b) => a + b, 0);
    return { messages, publishesPerS: messages / publishS, drainedPerS: deliveries / drainS, deliveries, cpuUsPerPublish: (cpu.user + cpu.system) / messages };
  } finally {
    sns.destroy();
    sqs.destroy();
  }
}

/** Runs of one target as one: rates over the summed times. */
export function combine(runs: FanoutRun[]): FanoutRun {
  const published = runs.reduce((a, r) => a + r.messages, 0);
  const publishS = runs.reduce((a, r) => a + r.messages / r.publishesPerS, 0);
  const deliveries = runs.reduce((a, r) => a + r.deliveries, 0);
  const drainS = runs.reduce((a, r) => a + r.deliveries / r.drainedPerS, 0);
  const cpuUs = runs.reduce((a, r) => a + r.cpuUsPerPublish * r.messages, 0);
  return { messages: published, publishesPerS: published / publishS, drainedPerS: deliveries / drainS, deliveries, cpuUsPerPublish: cpuUs / published };
}

const WARM_MESSAGES = 1000;

export interface FanoutOptions {
  messages?: number;
  motoMessages?: number;
  concurrency?: number;
  ephemeral?: boolean;
  log?: (s: string) => void;
}

export async function run(options: FanoutOptions = {}): Promise<Result> {
  const N = options.messages ?? 5000;
  const NM = options.motoMessages ?? 600;
  const C = options.concurrency ?? 8;
  const log = options.log ?? console.log;
  const started = performance.now();
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), "fanout-bench-"));
    dirs.push(d);
    return d;
  };
  const metrics: Result["metrics"] = [];
  const notes: string[] = [];
  const modes = options.ephemeral === false ? ["persistent"] : ["persistent", "ephemeral"];
  const byMode: Record<string, { gw: FanoutRun; fx: FanoutRun }> = {};
  try {
    for (const mode of modes) {
      const persistent = mode === "persistent";
      const targets = [await gateway(persistent ? tmp() : undefined), await bareFauxqs(persistent ? tmp() : undefined)];
      try {
        // Warm-up: the client, fauxqs and the gateway share this process, and with a short
        // warm-up whichever target ran first was measured before V8 had optimised the hot
        // paths (0.4–0.5× of the second, whichever it was).
        for (const t of targets) await fanoutOnce(t, "warm", WARM_MESSAGES, C);
        // Then N messages per target in two halves, in the order A B B A, so neither target
        // always runs first or last while the machine's load drifts.
        const halves: Record<string, FanoutRun[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
        for (const [k, t] of [...targets, ...[...targets].reverse()].entries()) {
          halves[t.name].push(await fanoutOnce(t, `run${k}`, Math.ceil(N / 2), C));
        }
        const res: Record<string, FanoutRun> = {};
        for (const t of targets) {
          res[t.name] = combine(halves[t.name]);
          log(`  fan-out ${mode} ${t.name}: ${res[t.name].publishesPerS.toFixed(0)} publishes/s, ${res[t.name].drainedPerS.toFixed(0)} drained/s, ${res[t.name].cpuUsPerPublish.toFixed(0)} µs CPU/publish, ${res[t.name].deliveries} deliveries (exact)`);
        }
        byMode[mode] = { gw: res.gateway, fx: res["bare fauxqs"] };
      } finally {
        for (const t of targets) await t.stop();
      }
    }
    const m = await moto();
    let mt: FanoutRun;
    try {
      mt = await fanoutOnce(m, "run", NM, C);
      log(`  fan-out moto: ${mt.publishesPerS.toFixed(0)} publishes/s, ${mt.drainedPerS.toFixed(0)} drained/s, ${mt.deliveries} deliveries (exact)`);
    } finally {
      await m.stop();
    }
    for (const mode of modes) {
      const { gw, fx } = byMode[mode];
      metrics.push(metric({ label: `gateway publishes/s (${mode}, N=${N})`, value: gw.publishesPerS, unit: "/s", baseline: { label: "bare fauxqs", value: fx.publishesPerS }, target: { op: ">=", value: 0.9, on: "ratio" } }));
      metrics.push(metric({ label: `gateway drained/s (${mode})`, value: gw.drainedPerS, unit: "/s", baseline: { label: "bare fauxqs", value: fx.drainedPerS }, target: { op: ">=", value: 0.9, on: "ratio" } }));
      metrics.push(metric({ label: `gateway CPU/publish (${mode})`, value: gw.cpuUsPerPublish, unit: "µs", baseline: { label: "bare fauxqs", value: fx.cpuUsPerPublish } }));
    }
    const gw = byMode.persistent.gw;
    metrics.push(metric({ label: "gateway publishes/s vs moto", value: gw.publishesPerS, unit: "/s", baseline: { label: `moto, N=${NM}`, value: mt.publishesPerS }, target: { op: ">=", value: 10, on: "ratio" } }));
    metrics.push(metric({ label: "gateway drained/s vs moto", value: gw.drainedPerS, unit: "/s", baseline: { label: `moto, N=${NM}`, value: mt.drainedPerS }, target: { op: ">=", value: 10, on: "ratio" } }));
    notes.push(`N messages per target and mode, as two runs of ${Math.ceil(N / 2)} in the order gateway, bare, bare, gateway after ${WARM_MESSAGES} warm-up messages each; per-queue counts exact in every run: ${expectedCounts(Math.ceil(N / 2)).join("/")} of ${Math.ceil(N / 2)} (moto ${expectedCounts(NM).join("/")} of ${NM}); client and in-process servers share one Node process (CPU/publish includes the client)`);
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
  return { name: "1. SNS→SQS fan-out throughput", metrics, notes, ms: performance.now() - started };
}

await runAlone(import.meta.url, async () => {
  const { values } = parseArgs({ options: { messages: { type: "string", default: "5000" }, "moto-messages": { type: "string", default: "600" }, concurrency: { type: "string", default: "8" }, "no-ephemeral": { type: "boolean", default: false } } });
  return run({ messages: Number(values.messages), motoMessages: Number(values["moto-messages"]), concurrency: Number(values.concurrency), ephemeral: !values["no-ephemeral"] });
});
