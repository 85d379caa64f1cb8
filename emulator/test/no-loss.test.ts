// No loss under load: the lab's messaging tier (exactly the event contract), 16 concurrent
// publishers, consumers draining every queue at the same time. Every delivery the contract
// promises (computed with the shared filter-policy evaluator) must arrive, nothing else may;
// duplicates are allowed only if counted. A second run SIGKILLs the emulator in the middle of
// the publishing and restarts it on the same port and data directory.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, describe, it } from "node:test";
import { PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { freePort } from "./fixtures/containers.ts";
import { startTestGateway, tempDir } from "./harness.ts";
import { createMessagingTier, drain, expectedDeliveries, type LabEvent, labEvent, type Tally, tally } from "./support/messaging.ts";
import { type EmulatorProcess, startEmulator } from "./support/process.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const PUBLISHERS = 16;
const MESSAGES = Number(process.env.NO_LOSS_MESSAGES ?? 10_000);
const MESSAGES_KILL = Number(process.env.NO_LOSS_MESSAGES_KILL ?? 3_000);
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

function report(name: string, sent: number, t: Tally, extra = "") {
  console.log(`# no-loss ${name}: sent ${sent}, expected deliveries ${t.expected}, received ${t.received}, lost ${t.lost.length}, unexpected ${t.unexpected.length}, duplicates ${t.duplicates}${extra}`);
}

function assertNoLoss(t: Tally) {
  assert.deepEqual(t.lost.slice(0, 20), [], `${t.lost.length} promised deliveries never arrived`);
  assert.deepEqual(t.unexpected.slice(0, 20), [], `${t.unexpected.length} deliveries the filters should have dropped`);
  assert.equal(t.received, t.expected + t.duplicates, "every receive is an expected delivery or a counted duplicate");
}

/** 16 workers take events off one list; `publish` resolves once the event is acknowledged. */
async function publishAll(events: LabEvent[], publish: (e: LabEvent) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: PUBLISHERS }, async () => {
      while (next < events.length) await publish(events[next++]);
    }),
  );
}

describe("no message loss under load", () => {
  it(`delivers every promised (queue, event) for ${MESSAGES} events from ${PUBLISHERS} publishers`, async () => {
    const gw = await startTestGateway();
    try {
      const sns = new SNSClient(gw.clientConfig);
      const sqs = new SQSClient(gw.clientConfig);
      const tier = await createMessagingTier(sns, sqs);
      const events = Array.from({ length: MESSAGES }, (_, i) => labEvent(i, "plain"));
      const expected = expectedDeliveries(events);
      let published = false;
      const t0 = Date.now();
      const consumers = drain(sqs, tier, { perQueue: 2, done: () => published, timeoutMs: 170_000 });
      await publishAll(events, async (e) => {
        await sns.send(new PublishCommand({ TopicArn: tier.topicArn[e.topic], Message: e.body, MessageAttributes: e.attributes }));
      });
      published = true;
      const publishMs = Date.now() - t0;
      const received = await consumers;
      const t = tally(expected, received);
      report("(in-process gateway)", events.length, t, `; published in ${publishMs} ms, drained in ${Date.now() - t0} ms`);
      assert.equal(received.timedOut, false, "the queues drained before the deadline");
      assertNoLoss(t);
    } finally {
      await gw.stop();
    }
  });

  describe("with the emulator SIGKILLed mid-publish and restarted", () => {
    const dataDir = tempDir("no-loss-kill-");
    let emu: EmulatorProcess | undefined;
    after(async () => {
      await emu?.kill();
      await rm(dataDir, { recursive: true, force: true });
    });

    it(`loses no acknowledged publish (${MESSAGES_KILL} events); retried ones may duplicate and are counted`, async () => {
      const port = await freePort();
      const args = ["--port", String(port), "--data-dir", dataDir, "--quiet"];
      emu = await startEmulator(args);
      // The SDK's standard retry (backoff, retry quota) plus a retry of our own once the SDK gives up
      // on a refused or reset connection while the emulator is down.
      const config = { endpoint: emu.url, region: "us-east-1", credentials, maxAttempts: 6, retryMode: "standard" };
      const sns = new SNSClient(config);
      const sqs = new SQSClient(config);
      const tier = await createMessagingTier(sns, sqs);
      const events = Array.from({ length: MESSAGES_KILL }, (_, i) => labEvent(i, "kill"));
      const expected = expectedDeliveries(events);
      const stats = { acked: 0, sdkRetries: 0, appRetries: 0, killedAt: 0, downMs: 0 };
      const ackedBeforeKill = new Set<string>();
      let killed = false;
      let published = false;

      const killer = (async () => {
        while (stats.acked < events.length * 0.4) await new Promise((r) => setTimeout(r, 20));
        const t = Date.now();
        await emu!.kill();
        killed = true;
        stats.killedAt = stats.acked;
        emu = await startEmulator(args);
        stats.downMs = Date.now() - t;
      })();

      const consumers = drain(sqs, tier, { perQueue: 2, done: () => published, timeoutMs: 170_000 });
      await publishAll(events, async (e) => {
        for (;;) {
          try {
            const out = await sns.send(new PublishCommand({ TopicArn: tier.topicArn[e.topic], Message: e.body, MessageAttributes: e.attributes }));
            stats.sdkRetries += out.$metadata.attempts! - 1;
            stats.acked++;
            if (!killed) ackedBeforeKill.add(e.id);
            return;
          } catch (err) {
            const meta = (err as { $metadata?: { httpStatusCode?: number; attempts?: number } }).$metadata;
            stats.sdkRetries += Math.max(0, (meta?.attempts ?? 1) - 1);
            const status = meta?.httpStatusCode;
            if (status !== undefined && status < 500) throw err; // a real rejection is a bug, not an outage
            stats.appRetries++;
            await new Promise((r) => setTimeout(r, 100 + Math.random() * 100));
          }
        }
      });
      published = true;
      await killer;
      const received = await consumers;
      const t = tally(expected, received);
      const lostAcked = t.lost.filter((k) => ackedBeforeKill.has(k.split("|")[1]));
      report(
        "(child process, SIGKILL + restart)",
        events.length,
        t,
        `; killed after ${stats.killedAt} acks (lost among them: ${lostAcked.length}), down ${stats.downMs} ms, SDK retries ${stats.sdkRetries}, app retries ${stats.appRetries}${received.timedOut ? ", DRAIN TIMED OUT" : ""}`,
      );
      assert.equal(received.timedOut, false, "the queues drained before the deadline");
      assert.ok(killed, "the emulator was killed during the run");
      assert.ok(stats.killedAt > 0 && stats.killedAt < events.length, "the kill landed in the middle of the publishing");
      assertNoLoss(t);
    });
  });
});
