// The seed README's Quick Start, exercises and troubleshooting commands, run as a learner runs
// them against the local target: one emulator process, the lab deployed with `npm run lab --
// deploy` (both mesh variants), the commands through bash with both AWS CLIs (`aws` v1 on PATH
// and Debian's aws 2.9). The tests share one deployment and run in order.
//
// The commands are the seed's verbatim (test-support/seed.ts) except for what `localize` does:
// `--endpoint-url` on each `aws` command, the test's listener port instead of 8080, the stack
// outputs instead of the placeholders, CLI v2's `--cli-binary-format raw-in-base64-out` for
// `lambda invoke --payload`, a private scratch file instead of /tmp/response.json, and the
// message-attribute correction (the seed's form is checked to fail first).
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient, DescribeStacksCommand, ListStacksCommand } from "@aws-sdk/client-cloudformation";
import { CloudWatchLogsClient, FilterLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { DescribeTargetHealthCommand, DescribeTargetGroupsCommand, ElasticLoadBalancingV2Client } from "@aws-sdk/client-elastic-load-balancing-v2";
import { EventBridgeClient, ListRulesCommand } from "@aws-sdk/client-eventbridge";
import { LambdaClient, ListFunctionsCommand } from "@aws-sdk/client-lambda";
import { ListBucketsCommand, S3Client } from "@aws-sdk/client-s3";
import { ListTopicsCommand, SNSClient } from "@aws-sdk/client-sns";
import { ListQueuesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import { CLUSTER, LAB_NAME, type MeshVariant, STACKS, TABLES } from "../lib/lab/contract.ts";
import { type EmulatorProcess, REPO_ROOT, startEmulatorProcess } from "./test-support/emulator-process.ts";
import { bash, bashUntil, type Cli, CORRECTED_ATTRIBUTE, cliEnv, type Env, localize, parseExports, SEED, SEED_ATTRIBUTE } from "./test-support/seed.ts";

// The seed sits in shared/ beside the repository (also where CI lays it out).
const SEED_README = [join(REPO_ROOT, "..", "shared", "seed", "lab-readme.md"), "/work/shared/seed/lab-readme.md"].find((p) => existsSync(p)) ?? "";
const SCRIPTS = join(REPO_ROOT, "scripts");
const pexec = promisify(execFile);

let emu: EmulatorProcess;
let listenerPort: number;
let labDataDir: string;
let scratchDir: string;
/** The learner's shell after `eval "$(npm run --silent lab -- env)"`. */
let shellEnv: Env | undefined;
let outputs: Record<string, string> = {};
let sdk: { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string }; forcePathStyle: true };
const measured: Record<string, number> = {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * What points the lab's own CLI and scripts at this test's emulator: the port and data
 * directory a learner would export to run a second lab beside their own.
 */
const labEnv = () => ({ EMULATOR_PORT: String(emu.port), LAB_DATA_DIR: labDataDir, LISTENER_PORT: String(listenerPort), NO_COLOR: "1" });

/** `npm run lab -- …` against this test's emulator. */
async function lab(args: string[], timeoutMs = 120_000) {
  const env = { ...process.env, ...labEnv() };
  try {
    const { stdout, stderr } = await pexec("npm", ["run", "--silent", "lab", "--", ...args], { cwd: REPO_ROOT, env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof err.code === "number" ? err.code : 1, stdout: err.stdout ?? "", stderr: err.stderr ?? err.message };
  }
}

const placeholders = () => ({
  "your-alb-dns-here": "localhost",
  "your-topic-arn-here": outputs.OrderEventsTopicArn,
  YOUR_QUEUE_URL: outputs.OrderProcessingDlqUrl,
});

/** A seed snippet, localized for one CLI, run through bash in the learner's shell. */
function seed(snippet: string, cli: Cli = "v1", cwd = scratchDir) {
  const script = localize(snippet, { cli, listenerPort, scratchDir: join(scratchDir, cli), placeholders: placeholders() });
  return bash(`${SEED.albDns.replace("your-alb-dns-here", "localhost")}\n${script}`, { ...shellEnv, ...labEnv() }, cwd);
}

async function labJson<T = any>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${emu.url}${path}`, init);
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as T;
}

interface FlowSub {
  queueName?: string;
  matched: boolean;
  delivered: boolean;
  consumption?: { state: string };
}
async function flowEntry(messageId: string): Promise<{ body: string; subscriptions: FlowSub[] }> {
  const { entries } = await labJson<{ entries: { messageId: string; body: string; subscriptions: FlowSub[] }[] }>("/_lab/flow?limit=200");
  const entry = entries.find((e) => e.messageId === messageId);
  assert.ok(entry, `publish ${messageId} is in the flow log`);
  return entry;
}
const deliveredTo = (subs: FlowSub[]) => subs.filter((s) => s.delivered).map((s) => s.queueName).sort();

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`);
    await sleep(everyMs);
  }
}

async function breakerItem(service: string) {
  const out = await new DynamoDBClient(sdk).send(new GetItemCommand({ TableName: TABLES.circuitBreakerState, Key: { service_name: { S: service } } }));
  return out.Item ? unmarshall(out.Item) : undefined;
}

/** One of the seed's scripts, run from scripts/ as the seed runs them from its scripts folder. */
async function script(snippet: string, timeoutMs?: number) {
  const r = await bash(snippet, { ...(shellEnv ?? cliEnv({})), ...labEnv() }, SCRIPTS, timeoutMs);
  assert.equal(r.code, 0, `${snippet} failed:\n${r.stdout}\n${r.stderr}\n--- emulator:\n${emu.output().slice(-3000)}`);
  return r;
}

/** The seed's `./provision-cross-service-lab.sh` (App Mesh, the local default), or with `--variant connect`. */
async function deploy(variant: MeshVariant) {
  const t0 = Date.now();
  const r = await script(variant === "appmesh" ? SEED.provision : `${SEED.provision} --variant connect`, 240_000);
  const wall = Date.now() - t0;
  assert.match(r.stdout, variant === "appmesh" ? /App Mesh/ : /Service Connect/);
  const healthy = /targets healthy: ([\d.]+) s/.exec(r.stdout);
  assert.ok(healthy, `the deploy reports the targets healthy:\n${r.stdout}`);
  measured[`${variant}: deploy start → all targets healthy (as the deploy reports it), s`] = Number(healthy[1]);
  measured[`${variant}: ./provision-cross-service-lab.sh, wall clock, s`] = wall / 1000;

  const env = await lab(["env"]);
  assert.equal(env.code, 0, env.stderr);
  const exports = parseExports(env.stdout);
  shellEnv = cliEnv(exports);
  const cfn = new CloudFormationClient(sdk);
  outputs = {};
  for (const name of [STACKS.bootstrap, STACKS.network, STACKS.messaging, STACKS.resilience, variant === "appmesh" ? STACKS.servicesAppMesh : STACKS.servicesConnect]) {
    const stack = (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0];
    assert.match(stack?.StackStatus ?? "", /^(CREATE|UPDATE)_COMPLETE$/, `${name} is complete`);
    for (const o of stack?.Outputs ?? []) outputs[o.OutputKey as string] = o.OutputValue as string;
  }
  assert.equal(exports.ORDER_TOPIC_ARN, outputs.OrderEventsTopicArn, "`lab env` exports the seed's ORDER_TOPIC_ARN");
  assert.equal(exports.ALB_DNS, "localhost");

  // Every target of every target group healthy, checked independently of the CLI.
  const elb = new ElasticLoadBalancingV2Client(sdk);
  const groups = (await elb.send(new DescribeTargetGroupsCommand({}))).TargetGroups ?? [];
  assert.ok(groups.length >= 4, "a target group per routed service");
  for (const g of groups) {
    const health = (await elb.send(new DescribeTargetHealthCommand({ TargetGroupArn: g.TargetGroupArn }))).TargetHealthDescriptions ?? [];
    assert.ok(health.length > 0 && health.every((h) => h.TargetHealth?.State === "healthy"), `${g.TargetGroupName}: ${JSON.stringify(health.map((h) => h.TargetHealth))}`);
  }
}

/** The event contract (ARCHITECTURE.md): which queues an event reaches. */
const CONTRACT: Record<string, string[]> = {
  "order-events order_created": ["analytics", "notifications", "order-processing"],
  "order-events order_shipped": ["analytics", "notifications"],
  "user-events user_registered": ["analytics", "notifications"],
  "inventory-events stock_low 5": ["analytics", "notifications"],
  "inventory-events stock_low 50": ["analytics"],
};

before(async () => {
  listenerPort = await freePort();
  labDataDir = mkdtempSync(join(tmpdir(), "lab-data-"));
  scratchDir = mkdtempSync(join(tmpdir(), "lab-seed-"));
  for (const cli of ["v1", "v2"]) mkdirSync(join(scratchDir, cli));
  // rate(1 minute) becomes 10 minutes, so the scheduled health check never races the steps
  // below; the schedule's own run is fired on demand through /_lab/events/rules/:name/fire.
  emu = await startEmulatorProcess({ env: { EMULATOR_EVENTS_RATE_SCALE: "10" } });
  sdk = { region: "us-east-1", endpoint: emu.url, credentials: { accessKeyId: "test", secretAccessKey: "test" }, forcePathStyle: true };
});

after(async () => {
  console.log(`measured: ${JSON.stringify(measured, null, 2)}`);
  await emu?.stop();
  for (const dir of [labDataDir, scratchDir]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the seed's commands on the local target", { concurrency: false }, () => {
  it("the snippets are the seed README's, verbatim", { skip: !SEED_README && "the seed README is not beside this checkout" }, () => {
    const readme = readFileSync(SEED_README, "utf8");
    for (const [name, snippet] of Object.entries(SEED)) assert.ok(readme.includes(snippet), `${name} is in the seed README as written`);
  });

  it("Quick Start 1: deploys the App Mesh variant, bootstrap → services, until every target is healthy", async () => {
    await deploy("appmesh");
    const tasks = await labJson<{ service: string; lastStatus: string }[]>("/_lab/ecs/tasks");
    assert.deepEqual([...new Set(tasks.map((t) => t.service))].sort(), ["inventory-service", "inventory-service-v2", "notification-service", "order-service", "user-service"]);
    assert.ok(tasks.every((t) => t.lastStatus === "RUNNING"));
  });

  it("Quick Start 2: curl GET /users/123 through the load balancer returns the user", async () => {
    const r = await seed(SEED.getUser);
    assert.equal(r.code, 0, r.stderr);
    const user = JSON.parse(r.stdout);
    assert.equal(user.id, 123);
    assert.ok(user.name && user.email, r.stdout);
  });

  it("Quick Start 2: curl POST /orders creates an order whose order_created reaches order-processing, notifications and analytics only", async () => {
    const r = await seed(SEED.postOrder);
    assert.equal(r.code, 0, r.stderr);
    const order = JSON.parse(r.stdout);
    assert.equal(order.status, "created", r.stdout);
    assert.equal(order.verification, "verified");
    assert.equal(order.event?.type, "order_created");
    assert.equal(order.event?.published, true);
    const entry = await flowEntry(order.event.message_id);
    assert.deepEqual(deliveredTo(entry.subscriptions), CONTRACT["order-events order_created"]);
    // Consumers take it: inventory reserves, notification-service notifies, analytics counts.
    await waitFor("the three consumers to delete it", async () => (await flowEntry(order.event.message_id)).subscriptions.filter((s) => s.delivered).every((s) => s.consumption?.state === "deleted"), 15_000);
  });

  it("Quick Start 3: the seed's --message-attributes form is rejected by both CLIs; the shorthand routes order_created per the contract", async () => {
    const run = async (cli: Cli) => {
      const bad = await seed(SEED.publish, cli);
      assert.notEqual(bad.code, 0, `${cli} rejects the seed's form`);
      assert.match(bad.stderr, /Expected: '='/);
      const r = await seed(SEED.publish.replace(SEED_ATTRIBUTE, CORRECTED_ATTRIBUTE), cli);
      assert.equal(r.code, 0, `${cli}: ${r.stderr}`);
      const { MessageId } = JSON.parse(r.stdout);
      const entry = await flowEntry(MessageId);
      assert.equal(entry.body, '{"orderId": "12345", "userId": "123", "status": "created"}');
      assert.deepEqual(deliveredTo(entry.subscriptions), CONTRACT["order-events order_created"], cli);
      for (const s of entry.subscriptions) assert.equal(s.delivered, s.matched, `${s.queueName}: delivered exactly when the filter matches`);
      // A body without items is a valid event: every consumer processes it (nothing is left or dead-lettered).
      await waitFor(`${cli}: consumers to process the seed's event`, async () => (await flowEntry(MessageId)).subscriptions.filter((s) => s.delivered).every((s) => s.consumption?.state === "deleted"), 15_000);
    };
    await Promise.all([run("v1"), run("v2")]);
  });

  let poisonId = "";
  it('Exercise 2: a poison message ({"poison": true}) passes the filters like any other event', async () => {
    const r = await seed(`aws sns publish --topic-arn ${outputs.OrderEventsTopicArn} --message '{"poison": true}' ${CORRECTED_ATTRIBUTE}`);
    assert.equal(r.code, 0, r.stderr);
    poisonId = JSON.parse(r.stdout).MessageId;
    assert.deepEqual(deliveredTo((await flowEntry(poisonId)).subscriptions), CONTRACT["order-events order_created"]);
  });

  it("Exercise 2: order_shipped, user_registered and stock_low (quantity 5 and 50) each route per the event contract (both CLIs)", async () => {
    const cases = [
      { key: "order-events order_shipped", topic: outputs.OrderEventsTopicArn, attrs: "'eventType={DataType=String,StringValue=order_shipped}'", body: '{"orderId": "12345", "status": "shipped"}' },
      { key: "user-events user_registered", topic: outputs.UserEventsTopicArn, attrs: "'eventType={DataType=String,StringValue=user_registered}'", body: '{"userId": "456", "email": "new@example.com"}' },
      { key: "inventory-events stock_low 5", topic: outputs.InventoryEventsTopicArn, attrs: "'eventType={DataType=String,StringValue=stock_low},quantity={DataType=Number,StringValue=5}'", body: '{"productId": "prod-123", "quantity": 5}' },
      { key: "inventory-events stock_low 50", topic: outputs.InventoryEventsTopicArn, attrs: "'eventType={DataType=String,StringValue=stock_low},quantity={DataType=Number,StringValue=50}'", body: '{"productId": "prod-123", "quantity": 50}' },
    ];
    for (const c of cases) {
      await Promise.all(
        (["v1", "v2"] as const).map(async (cli) => {
          const r = await seed(`aws sns publish --topic-arn ${c.topic} --message '${c.body}' --message-attributes ${c.attrs}`, cli);
          assert.equal(r.code, 0, `${c.key} ${cli}: ${r.stderr}`);
          const entry = await flowEntry(JSON.parse(r.stdout).MessageId);
          assert.deepEqual(deliveredTo(entry.subscriptions), CONTRACT[c.key], `${c.key} with ${cli}`);
          for (const s of entry.subscriptions) assert.equal(s.delivered, s.matched, `${c.key}: ${s.queueName}`);
        }),
      );
    }
  });

  it("Exercise 2: the poison message lands in order-processing-dlq, notifications-dlq and analytics-dlq after 3 receives", async () => {
    assert.ok(poisonId, "published above");
    await waitFor(
      "the poison message in all three DLQs",
      async () => (await flowEntry(poisonId)).subscriptions.filter((s) => s.delivered).every((s) => s.consumption?.state === "moved-to-dlq"),
      30_000,
      500,
    );
    for (const dlq of ["order-processing-dlq", "notifications-dlq", "analytics-dlq"]) {
      const peek = await labJson<{ messages: { body: string; receiveCount: number }[] }>(`/_lab/sqs/peek/${dlq}`);
      // analytics gets the SNS envelope; the other two raw bodies.
      const poison = peek.messages.filter((m) => (JSON.parse(m.body).Message ?? m.body) === '{"poison": true}');
      assert.equal(poison.length, 1, `${dlq} holds the poison message once`);
      assert.ok(poison[0].receiveCount >= 3, `${dlq}: received ${poison[0].receiveCount} times before the move`);
    }
  });

  it("Quick Start 4 / Exercise 3: user-service fails → the breaker opens under traffic, orders fall back, the seed's check says OPEN; recover → HALF_OPEN → CLOSED", async () => {
    await script(SEED.fail);
    // ~20 orders/s through the load balancer, bounded: at most 6 s, stopping once the breaker is OPEN.
    const answers: { status: number; body: any }[] = [];
    const stopAt = Date.now() + 6_000;
    let open = false;
    while (Date.now() < stopAt && !(open && answers.length >= 20)) {
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${listenerPort}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user_id: 123, items: [{ product_id: "prod-456", quantity: 1 }] }) });
      answers.push({ status: res.status, body: await res.json() });
      if (answers.length % 10 === 0) open = (await breakerItem("user-service"))?.state === "OPEN";
      await sleep(Math.max(0, 50 - (Date.now() - started)));
    }
    const item = await breakerItem("user-service");
    assert.equal(item?.state, "OPEN", `breaker item: ${JSON.stringify(item)}`);
    assert.ok(answers.every((a) => a.status < 500), `no 5xx: ${JSON.stringify(answers.filter((a) => a.status >= 500).slice(0, 2))}`);
    // Services read their fault record about once a second: the first orders may still pass.
    const isDeferred = (a: { status: number; body: any }) => a.status === 202 && a.body.status === "accepted" && a.body.verification === "deferred";
    const first = answers.findIndex(isDeferred);
    assert.ok(first >= 0 && first <= 40, `orders fall back once the fault is read (first at ${first})`);
    assert.ok(answers.slice(first).every(isDeferred), `every order after that falls back: ${JSON.stringify(answers.slice(first).find((a) => !isDeferred(a)))}`);
    const reasons = answers.slice(first).map((a) => a.body.fallbacks?.find((f: { service?: string }) => f.service === "user-service")?.reason);
    assert.ok(reasons.includes("upstream_error") && reasons.at(-1) === "circuit_open", `failures first, then the open breaker: ${reasons.join(",")}`);

    await Promise.all(
      (["v1", "v2"] as const).map(async (cli) => {
        const r = await seed(SEED.check, cli);
        assert.equal(r.code, 0, `${cli}: ${r.stderr}`);
        const out = r.stdout.slice(r.stdout.lastIndexOf('{"service_name"'));
        const state = JSON.parse(out);
        assert.equal(state.state, "OPEN", `${cli}: ${out}`);
        assert.equal(state.state_value, 2);
      }),
    );

    await script(SEED.recover);
    const retryAt = Number(item?.retry_at);
    assert.ok(retryAt > 0, "OPEN has a retry time");
    await sleep(Math.max(0, retryAt - Date.now() + 100));
    const half = await seed(SEED.check, "v1");
    const halfState = JSON.parse(half.stdout.slice(half.stdout.lastIndexOf('{"service_name"')));
    assert.equal(halfState.state, "HALF_OPEN", JSON.stringify(halfState));
    assert.deepEqual([halfState.transition?.from, halfState.transition?.to], ["OPEN", "HALF_OPEN"]);

    // The health checker probes /users/health through the load balancer and closes the breaker.
    await sleep(1_200); // services read their fault record about once a second
    const hc = await seed(`aws lambda invoke --function-name health-checker ${scratchDir}/health.json && cat ${scratchDir}/health.json`, "v2");
    assert.equal(hc.code, 0, hc.stderr);
    const closed = await seed(SEED.check, "v2");
    const closedState = JSON.parse(closed.stdout.slice(closed.stdout.lastIndexOf('{"service_name"')));
    assert.equal(closedState.state, "CLOSED", `${closedState.state}; health-checker said ${hc.stdout}`);

    const after = await seed(SEED.postOrder);
    assert.equal(JSON.parse(after.stdout).status, "created", after.stdout);
  });

  it("Troubleshooting: describe-services shows runningCount = desiredCount (both CLIs)", async () => {
    await Promise.all(
      (["v1", "v2"] as const).map(async (cli) => {
        const r = await seed(SEED.describeServices, cli);
        assert.equal(r.code, 0, `${cli}: ${r.stderr}`);
        const [svc] = JSON.parse(r.stdout).services;
        assert.equal(svc.serviceName, "user-service");
        assert.equal(svc.clusterArn.endsWith(`cluster/${CLUSTER}`), true);
        assert.equal(svc.status, "ACTIVE");
        assert.ok(svc.desiredCount >= 1);
        assert.equal(svc.runningCount, svc.desiredCount, cli);
      }),
    );
  });

  it("Troubleshooting: aws logs tail /ecs/user-service --follow shows the request logs (aws 2.9; v1 has no `logs tail`)", async () => {
    const r = await bashUntil(localize(SEED.logsTail, { cli: "v2", listenerPort, scratchDir }), { ...shellEnv, ...labEnv() }, /"msg":"request","method":"GET","path":"\/users\/123","status":200/, 20_000);
    assert.ok(r.matched, `no request log in:\n${r.stdout.slice(-2000)}\n${r.stderr}`);
    const v1 = await seed(SEED.logsTail, "v1");
    assert.notEqual(v1.code, 0);
    assert.match(v1.stderr, /Invalid choice/);
  });

  it("Troubleshooting: get-queue-attributes answers ApproximateNumberOfMessages (both CLIs, JSON and query SQS)", async () => {
    const { visible } = await labJson<{ visible: number }>("/_lab/sqs/peek/order-processing-dlq?limit=1");
    assert.equal(visible, 1, "the poison message waits in order-processing-dlq");
    await Promise.all(
      (["v1", "v2"] as const).map(async (cli) => {
        const r = await seed(SEED.queueAttributes, cli);
        assert.equal(r.code, 0, `${cli}: ${r.stderr}`);
        assert.deepEqual(JSON.parse(r.stdout), { Attributes: { ApproximateNumberOfMessages: "1" } }, cli);
      }),
    );
  });

  it("Exercise 1: the mesh routes 90/10 to inventory v1/v2; an UpdateStack to 50/50 splits order → inventory about evenly", async () => {
    const weights = async () => {
      const routes = await labJson<{ virtualService: string; routes: { weightedTargets: { virtualNode: string; weight: number }[] }[] }[]>("/_lab/mesh/routes");
      const inventory = routes.find((r) => r.virtualService.startsWith("inventory-service."));
      return Object.fromEntries((inventory?.routes[0]?.weightedTargets ?? []).map((t) => [t.virtualNode, t.weight]));
    };
    assert.deepEqual(await weights(), { "inventory-service-v1": 90, "inventory-service-v2": 10 });

    // What a learner runs: same template, two parameters changed, the rest kept.
    const stack = STACKS.servicesAppMesh;
    const keys = await seed(`aws cloudformation describe-stacks --stack-name ${stack} --query 'Stacks[0].Parameters[].ParameterKey' --output text`);
    const params = keys.stdout
      .trim()
      .split(/\s+/)
      .map((k) => (k === "InventoryV1Weight" || k === "InventoryV2Weight" ? `ParameterKey=${k},ParameterValue=50` : `ParameterKey=${k},UsePreviousValue=true`));
    const update = await seed(`aws cloudformation update-stack --stack-name ${stack} --use-previous-template --capabilities CAPABILITY_NAMED_IAM --parameters ${params.join(" ")}`);
    assert.equal(update.code, 0, update.stderr);
    const cfn = new CloudFormationClient(sdk);
    await waitFor("UPDATE_COMPLETE", async () => (await cfn.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.StackStatus === "UPDATE_COMPLETE", 60_000, 300);
    assert.deepEqual(await weights(), { "inventory-service-v1": 50, "inventory-service-v2": 50 });

    const versions = { v1: 0, v2: 0 };
    const order = async () => {
      const res = await fetch(`http://127.0.0.1:${listenerPort}/orders`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user_id: 7, items: [{ product_id: "prod-123", quantity: 1 }] }) });
      for (const v of ((await res.json()) as { inventory_versions?: ("v1" | "v2")[] }).inventory_versions ?? []) versions[v]++;
    };
    for (let batch = 0; batch < 6; batch++) await Promise.all(Array.from({ length: 10 }, order));
    // Binomial(60, 0.5): outside 15..45 with probability below 1e-4.
    assert.equal(versions.v1 + versions.v2, 60, JSON.stringify(versions));
    assert.ok(versions.v2 >= 15 && versions.v2 <= 45, `v1/v2 = ${versions.v1}/${versions.v2}`);
    const edges = await labJson<{ source: string; destination: string; requests: number }[]>("/_lab/mesh/edges");
    const toV2 = edges.find((e) => e.source === "order-service" && e.destination === "inventory-service-v2");
    assert.ok(toV2 && toV2.requests >= versions.v2, `the data plane counted the v2 edge: ${JSON.stringify(edges)}`);
  });

  it("switches to the Service Connect variant: the same seed commands work, and the scheduled health check runs", async () => {
    await deploy("connect");
    const cfn = new CloudFormationClient(sdk);
    const live = (await cfn.send(new ListStacksCommand({}))).StackSummaries?.filter((s) => s.StackStatus !== "DELETE_COMPLETE").map((s) => s.StackName);
    assert.ok(!live?.includes(STACKS.servicesAppMesh), "one mesh variant at a time");

    const user = await seed(SEED.getUser, "v2");
    assert.equal(JSON.parse(user.stdout).id, 123);
    const r = await seed(SEED.postOrder, "v2");
    const order = JSON.parse(r.stdout);
    assert.equal(order.status, "created", r.stdout);
    assert.deepEqual(deliveredTo((await flowEntry(order.event.message_id)).subscriptions), CONTRACT["order-events order_created"]);
    const services = await seed(SEED.describeServices, "v2");
    const [svc] = JSON.parse(services.stdout).services;
    assert.equal(svc.runningCount, svc.desiredCount);

    // Fire the EventBridge schedule (rate(1 minute)) now; the health checker it targets runs.
    const { rules } = await labJson<{ rules: { Name: string; ScheduleExpression?: string; fireCount: number }[] }>("/_lab/events/rules");
    const rule = rules.find((x) => x.ScheduleExpression === "rate(1 minute)");
    assert.ok(rule, "the health-check schedule exists");
    const logs = new CloudWatchLogsClient(sdk);
    const runs = async () => (await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/health-checker", filterPattern: "REPORT" }))).events?.length ?? 0;
    const before = await runs();
    await labJson(`/_lab/events/rules/${encodeURIComponent(rule.Name)}/fire`, { method: "POST" });
    await waitFor("the health checker's scheduled run", async () => (await runs()) > before, 20_000, 500);
  });

  it("Cleanup: ./cleanup-cross-service-lab.sh leaves no stack, task, queue, topic, table, function, rule or bucket", async () => {
    const pids = (await labJson<{ pid?: number }[]>("/_lab/ecs/tasks")).map((t) => t.pid).filter((p): p is number => typeof p === "number");
    assert.ok(pids.length >= 5, "tasks were running");
    const r = await script(SEED.cleanup, 180_000);
    assert.match(r.stdout, /Nothing remains/);

    const cfn = new CloudFormationClient(sdk);
    const stacks = (await cfn.send(new ListStacksCommand({}))).StackSummaries?.filter((s) => s.StackStatus !== "DELETE_COMPLETE" && s.StackName?.startsWith(LAB_NAME)) ?? [];
    assert.deepEqual(stacks.map((s) => `${s.StackName} ${s.StackStatus}`), []);
    assert.deepEqual(await labJson("/_lab/ecs/tasks"), []);
    await waitFor(
      "the task processes to exit",
      async () =>
        pids.every((pid) => {
          try {
            process.kill(pid, 0);
            return false;
          } catch (e) {
            return (e as NodeJS.ErrnoException).code === "ESRCH";
          }
        }),
      10_000,
    );
    assert.deepEqual((await new SQSClient(sdk).send(new ListQueuesCommand({}))).QueueUrls ?? [], []);
    assert.deepEqual((await new SNSClient(sdk).send(new ListTopicsCommand({}))).Topics ?? [], []);
    assert.deepEqual((await new DynamoDBClient(sdk).send(new ListTablesCommand({}))).TableNames ?? [], []);
    assert.deepEqual((await new LambdaClient(sdk).send(new ListFunctionsCommand({}))).Functions ?? [], []);
    assert.deepEqual((await new EventBridgeClient(sdk).send(new ListRulesCommand({}))).Rules ?? [], []);
    assert.deepEqual((await new S3Client(sdk).send(new ListBucketsCommand({}))).Buckets ?? [], []);
    assert.deepEqual(await labJson("/_lab/alb/listeners"), []);
  });
});
