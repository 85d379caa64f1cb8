import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DeleteLogGroupCommand,
  DeleteLogStreamCommand,
  DeleteRetentionPolicyCommand,
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  FilterLogEventsCommand,
  GetLogEventsCommand,
  ListTagsForResourceCommand,
  ListTagsLogGroupCommand,
  PutLogEventsCommand,
  PutRetentionPolicyCommand,
  StartLiveTailCommand,
  TagLogGroupCommand,
  TagResourceCommand,
  UntagLogGroupCommand,
  UntagResourceCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import { aws, CLIS, REGION, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const rejectsWith = (p: Promise<unknown>, code: string) =>
  assert.rejects(p, (e: any) => {
    assert.equal(e.name, code, e.message);
    assert.equal(e.$metadata.httpStatusCode, 400);
    return true;
  });

describe("logs", () => {
  let gw: TestGateway;
  let logs: CloudWatchLogsClient;
  const t0 = Date.now() - 60_000;

  const group = async (name: string, streams: string[] = []) => {
    await logs.send(new CreateLogGroupCommand({ logGroupName: name }));
    for (const s of streams) await logs.send(new CreateLogStreamCommand({ logGroupName: name, logStreamName: s }));
  };
  const put = (logGroupName: string, logStreamName: string, events: [number, string][]) =>
    logs.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: events.map(([timestamp, message]) => ({ timestamp, message })) }));
  const filter = async (logGroupName: string, filterPattern: string, extra: Record<string, unknown> = {}) =>
    (await logs.send(new FilterLogEventsCommand({ logGroupName, filterPattern, ...extra }))).events?.map((e) => e.message);

  before(async () => {
    gw = await startTestGateway();
    logs = new CloudWatchLogsClient({ ...gw.clientConfig, maxAttempts: 1 });
    await group("/ecs/order-service", ["task-a", "task-b"]);
    await put("/ecs/order-service", "task-a", [
      [t0 + 1, "INFO starting order-service"],
      [t0 + 3, "ERROR payment declined for order 17"],
      [t0 + 5, '{"level":"error","latency":250,"path":"/orders"}'],
    ]);
    await put("/ecs/order-service", "task-b", [
      [t0 + 2, "WARN slow downstream inventory"],
      [t0 + 4, '{"level":"info","latency":20,"path":"/orders/17"}'],
      [t0 + 6, "ERROR Exiting after fatal error"],
    ]);
  });
  after(() => gw.stop());

  describe("groups and streams", () => {
    it("rejects duplicates, bad names and unknown groups", async () => {
      await rejectsWith(logs.send(new CreateLogGroupCommand({ logGroupName: "/ecs/order-service" })), "ResourceAlreadyExistsException");
      await rejectsWith(logs.send(new CreateLogStreamCommand({ logGroupName: "/ecs/order-service", logStreamName: "task-a" })), "ResourceAlreadyExistsException");
      await rejectsWith(logs.send(new CreateLogGroupCommand({ logGroupName: "bad name!" })), "InvalidParameterException");
      await rejectsWith(logs.send(new CreateLogStreamCommand({ logGroupName: "/ecs/order-service", logStreamName: "a:b" })), "InvalidParameterException");
      await rejectsWith(logs.send(new CreateLogStreamCommand({ logGroupName: "/nope", logStreamName: "x" })), "ResourceNotFoundException");
      await rejectsWith(put("/ecs/order-service", "no-such-stream", [[Date.now(), "x"]]), "ResourceNotFoundException");
      await rejectsWith(logs.send(new DeleteLogGroupCommand({ logGroupName: "/nope" })), "ResourceNotFoundException");
    });

    it("describes groups by prefix, with paging", async () => {
      for (const n of ["/lab/a", "/lab/b", "/lab/c"]) await group(n);
      const first = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/lab/", limit: 2 }));
      assert.deepEqual(
        first.logGroups?.map((g) => g.logGroupName),
        ["/lab/a", "/lab/b"],
      );
      assert.equal(first.logGroups?.[0].arn, `arn:aws:logs:${REGION}:000000000000:log-group:/lab/a:*`);
      const second = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/lab/", limit: 2, nextToken: first.nextToken }));
      assert.deepEqual(
        second.logGroups?.map((g) => g.logGroupName),
        ["/lab/c"],
      );
      assert.equal(second.nextToken, undefined);
      const order = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs/" }));
      assert.ok((order.logGroups?.[0].storedBytes ?? 0) > 0);
    });

    it("describes streams ordered by last event time, descending", async () => {
      const out = await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/ecs/order-service", orderBy: "LastEventTime", descending: true }));
      assert.deepEqual(
        out.logStreams?.map((s) => s.logStreamName),
        ["task-b", "task-a"],
      );
      const b = out.logStreams![0];
      assert.equal(b.firstEventTimestamp, t0 + 2);
      assert.equal(b.lastEventTimestamp, t0 + 6);
      assert.ok(b.lastIngestionTime! >= t0);
      assert.match(b.arn ?? "", /:log-group:\/ecs\/order-service:log-stream:task-b$/);
      const byName = await logs.send(new DescribeLogStreamsCommand({ logGroupIdentifier: "/ecs/order-service", logStreamNamePrefix: "task-a" }));
      assert.deepEqual(
        byName.logStreams?.map((s) => s.logStreamName),
        ["task-a"],
      );
      await rejectsWith(logs.send(new DescribeLogStreamsCommand({ logGroupName: "/ecs/order-service", orderBy: "LastEventTime", logStreamNamePrefix: "t" })), "InvalidParameterException");
    });

    it("sets and removes retention policies", async () => {
      await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/lab/a", retentionInDays: 7 }));
      assert.equal((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/lab/a" }))).logGroups?.[0].retentionInDays, 7);
      await rejectsWith(logs.send(new PutRetentionPolicyCommand({ logGroupName: "/lab/a", retentionInDays: 8 })), "InvalidParameterException");
      await logs.send(new DeleteRetentionPolicyCommand({ logGroupName: "/lab/a" }));
      assert.equal((await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/lab/a" }))).logGroups?.[0].retentionInDays, undefined);
    });

    it("tags groups by ARN and by name", async () => {
      const arn = `arn:aws:logs:${REGION}:000000000000:log-group:/lab/b`;
      await logs.send(new TagResourceCommand({ resourceArn: arn, tags: { lab: "cross-service-lab", team: "a" } }));
      await logs.send(new UntagResourceCommand({ resourceArn: arn, tagKeys: ["team"] }));
      assert.deepEqual((await logs.send(new ListTagsForResourceCommand({ resourceArn: arn }))).tags, { lab: "cross-service-lab" });
      await logs.send(new TagLogGroupCommand({ logGroupName: "/lab/b", tags: { env: "local" } }));
      await logs.send(new UntagLogGroupCommand({ logGroupName: "/lab/b", tags: ["lab"] }));
      assert.deepEqual((await logs.send(new ListTagsLogGroupCommand({ logGroupName: "/lab/b" }))).tags, { env: "local" });
      await rejectsWith(logs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:logs:${REGION}:000000000000:log-group:/ghost` })), "ResourceNotFoundException");
    });

    it("deletes streams and groups with their events", async () => {
      await group("/lab/doomed", ["s"]);
      await put("/lab/doomed", "s", [[Date.now(), "bye"]]);
      await logs.send(new DeleteLogStreamCommand({ logGroupName: "/lab/doomed", logStreamName: "s" }));
      await rejectsWith(logs.send(new GetLogEventsCommand({ logGroupName: "/lab/doomed", logStreamName: "s" })), "ResourceNotFoundException");
      await rejectsWith(logs.send(new DeleteLogStreamCommand({ logGroupName: "/lab/doomed", logStreamName: "s" })), "ResourceNotFoundException");
      await logs.send(new CreateLogStreamCommand({ logGroupName: "/lab/doomed", logStreamName: "s" }));
      assert.deepEqual((await logs.send(new GetLogEventsCommand({ logGroupName: "/lab/doomed", logStreamName: "s" }))).events, []);
      await logs.send(new DeleteLogGroupCommand({ logGroupName: "/lab/doomed" }));
      await rejectsWith(logs.send(new FilterLogEventsCommand({ logGroupName: "/lab/doomed" })), "ResourceNotFoundException");
    });
  });

  describe("events", () => {
    it("rejects too old and too new events by index, and bad batches whole", async () => {
      await group("/lab/times", ["s"]);
      const now = Date.now();
      const old = await put("/lab/times", "s", [[now - 15 * 86400_000, "ancient"]]);
      assert.deepEqual(old.rejectedLogEventsInfo, { tooOldLogEventEndIndex: 0 });
      const out = await put("/lab/times", "s", [
        [now - 1000, "kept 1"],
        [now, "kept 2"],
        [now + 3 * 3600_000, "from the future"],
      ]);
      assert.deepEqual(out.rejectedLogEventsInfo, { tooNewLogEventStartIndex: 2 });
      assert.ok(out.nextSequenceToken);
      const stored = await logs.send(new GetLogEventsCommand({ logGroupName: "/lab/times", logStreamName: "s", startFromHead: true }));
      assert.deepEqual(
        stored.events?.map((e) => e.message),
        ["kept 1", "kept 2"],
      );
      await rejectsWith(
        put("/lab/times", "s", [
          [now, "b"],
          [now - 10, "a"],
        ]),
        "InvalidParameterException",
      );
      await rejectsWith(logs.send(new PutLogEventsCommand({ logGroupName: "/lab/times", logStreamName: "s", logEvents: [] })), "InvalidParameterException");
    });

    it("pages GetLogEvents forward and backward with f/ and b/ tokens", async () => {
      await group("/lab/paging", ["s"]);
      const base = Date.now() - 10_000;
      await put(
        "/lab/paging",
        "s",
        Array.from({ length: 5 }, (_, i) => [base + i, `e${i}`] as [number, string]),
      );
      const q = { logGroupName: "/lab/paging", logStreamName: "s", limit: 2 };
      const head = await logs.send(new GetLogEventsCommand({ ...q, startFromHead: true }));
      assert.deepEqual(
        head.events?.map((e) => e.message),
        ["e0", "e1"],
      );
      assert.match(head.nextForwardToken ?? "", /^f\/\d+$/);
      const next = await logs.send(new GetLogEventsCommand({ ...q, nextToken: head.nextForwardToken }));
      assert.deepEqual(
        next.events?.map((e) => e.message),
        ["e2", "e3"],
      );
      const tail = await logs.send(new GetLogEventsCommand(q));
      assert.deepEqual(
        tail.events?.map((e) => e.message),
        ["e3", "e4"],
        "without a token the newest events come back",
      );
      const back = await logs.send(new GetLogEventsCommand({ ...q, nextToken: tail.nextBackwardToken }));
      assert.deepEqual(
        back.events?.map((e) => e.message),
        ["e1", "e2"],
      );
      const end = await logs.send(new GetLogEventsCommand({ ...q, nextToken: tail.nextForwardToken }));
      assert.deepEqual(end.events, []);
      assert.equal(end.nextForwardToken, tail.nextForwardToken, "the same token at the end stops paginators");
      await rejectsWith(logs.send(new GetLogEventsCommand({ ...q, nextToken: "garbage" })), "InvalidParameterException");
    });

    it("filters with terms, phrases, OR, exclusion and JSON patterns, interleaved across streams", async () => {
      const g = "/ecs/order-service";
      assert.deepEqual(await filter(g, ""), [
        "INFO starting order-service",
        "WARN slow downstream inventory",
        "ERROR payment declined for order 17",
        '{"level":"info","latency":20,"path":"/orders/17"}',
        '{"level":"error","latency":250,"path":"/orders"}',
        "ERROR Exiting after fatal error",
      ]);
      assert.deepEqual(await filter(g, "ERROR"), ["ERROR payment declined for order 17", "ERROR Exiting after fatal error"]);
      assert.deepEqual(await filter(g, "ERROR order"), ["ERROR payment declined for order 17"]);
      assert.deepEqual(await filter(g, '"payment declined"'), ["ERROR payment declined for order 17"]);
      assert.deepEqual(await filter(g, "?WARN ?INFO"), ["INFO starting order-service", "WARN slow downstream inventory"]);
      assert.deepEqual(await filter(g, "ERROR -Exiting"), ["ERROR payment declined for order 17"]);
      assert.deepEqual(await filter(g, "exiting"), [], "terms are case-sensitive");
      assert.deepEqual(await filter(g, '{ $.level = "error" }'), ['{"level":"error","latency":250,"path":"/orders"}']);
      assert.deepEqual(await filter(g, '{ $.level != "error" }'), ['{"level":"info","latency":20,"path":"/orders/17"}']);
      assert.deepEqual(await filter(g, "{ $.latency > 100 }"), ['{"level":"error","latency":250,"path":"/orders"}']);
      assert.deepEqual(await filter(g, '{ $.path = "/orders*" && $.latency < 100 }'), ['{"level":"info","latency":20,"path":"/orders/17"}']);
      assert.deepEqual(await filter(g, "", { logStreamNames: ["task-b"], startTime: t0 + 3, endTime: t0 + 6 }), ['{"level":"info","latency":20,"path":"/orders/17"}', "ERROR Exiting after fatal error"]);
      await rejectsWith(logs.send(new FilterLogEventsCommand({ logGroupName: g, filterPattern: "{ $.level = " })), "InvalidParameterException");
    });

    it("pages FilterLogEvents with nextToken and returns event ids", async () => {
      const g = "/ecs/order-service";
      const seen: string[] = [];
      const ids = new Set<string>();
      let nextToken: string | undefined;
      do {
        const out = await logs.send(new FilterLogEventsCommand({ logGroupName: g, limit: 4, nextToken }));
        for (const e of out.events ?? []) {
          seen.push(e.message!);
          ids.add(e.eventId!);
          assert.ok(e.logStreamName && e.ingestionTime);
        }
        nextToken = out.nextToken;
      } while (nextToken);
      assert.equal(seen.length, 6);
      assert.equal(ids.size, 6);
    });

    it("answers StartLiveTail (an event stream) with 501 NotImplemented", async () => {
      const live = new CloudWatchLogsClient({ ...gw.clientConfig, maxAttempts: 1, disableHostPrefix: true });
      await assert.rejects(live.send(new StartLiveTailCommand({ logGroupIdentifiers: ["arn:aws:logs:us-east-1:000000000000:log-group:/ecs/order-service"] })), (e: any) => e.$metadata?.httpStatusCode === 501);
    });

    it("filters a large group by time quickly", async () => {
      await group("/lab/big", ["s1", "s2"]);
      const base = Date.now() - 3600_000;
      for (let b = 0; b < 20; b++) {
        const events = Array.from({ length: 5000 }, (_, i) => [base + (b * 5000 + i) * 10, `line ${b * 5000 + i} ${i % 100 === 0 ? "ERROR" : "INFO"}`] as [number, string]);
        await put("/lab/big", b % 2 ? "s2" : "s1", events);
      }
      const started = performance.now();
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: "/lab/big", filterPattern: "ERROR", startTime: base + 500_000, endTime: base + 510_000 - 1 }));
      const ms = performance.now() - started;
      assert.equal(out.events?.length, 10);
      assert.ok(ms < 500, `narrow filter over 100k events took ${ms.toFixed(1)} ms`);
      const all = performance.now();
      const errors = await logs.send(new FilterLogEventsCommand({ logGroupName: "/lab/big", filterPattern: "ERROR" }));
      assert.equal(errors.events?.length, 1000);
      assert.ok(performance.now() - all < 3000);
    });
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: logs filter-log-events`, async () => {
      const out = await aws(cli, gw.url, ["logs", "filter-log-events", "--log-group-name", "/ecs/order-service", "--filter-pattern", "ERROR", "--log-stream-names", "task-a", "task-b"]);
      assert.equal(out.code, 0, out.stderr);
      assert.deepEqual(
        out.json().events.map((e: { message: string }) => e.message),
        ["ERROR payment declined for order 17", "ERROR Exiting after fatal error"],
      );
      const missing = await aws(cli, gw.url, ["logs", "filter-log-events", "--log-group-name", "/ghost"]);
      assert.notEqual(missing.code, 0);
      assert.match(missing.stderr, /ResourceNotFoundException/);
    });
  }

  it("works with the v2 CLI: logs tail", async () => {
    const out = await aws("v2", gw.url, ["logs", "tail", "/ecs/order-service", "--since", "1h", "--format", "short"]);
    assert.equal(out.code, 0, out.stderr);
    const lines = out.stdout.trim().split("\n");
    assert.equal(lines.length, 6);
    assert.match(lines[0], /INFO starting order-service$/);
    assert.match(lines[5], /ERROR Exiting after fatal error$/);
  });

  it("works with the v2 CLI: logs tail --follow sees new events", { timeout: 60_000 }, async () => {
    await group("/lab/follow", ["s"]);
    await put("/lab/follow", "s", [[Date.now(), "first line"]]);
    const child = spawn(CLIS.v2, ["--endpoint-url", gw.url, "logs", "tail", "/lab/follow", "--follow", "--format", "short"], {
      env: { ...process.env, AWS_ACCESS_KEY_ID: "test", AWS_SECRET_ACCESS_KEY: "test", AWS_DEFAULT_REGION: REGION, AWS_EC2_METADATA_DISABLED: "true", AWS_CONFIG_FILE: "/nonexistent", AWS_SHARED_CREDENTIALS_FILE: "/nonexistent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const waitFor = async (text: string) => {
      const deadline = Date.now() + 20_000;
      while (!output.includes(text) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      assert.ok(output.includes(text), `expected "${text}" in tail output: ${output}`);
    };
    try {
      await waitFor("first line");
      await put("/lab/follow", "s", [[Date.now(), "second line"]]);
      await waitFor("second line");
      assert.equal(output.split("first line").length, 2, "no duplicates across polls");
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
  });
});

describe("logs persistence", () => {
  it("keeps groups, streams, retention and events across a restart", async () => {
    const dataDir = tempDir("logs-persist-");
    let gw = await startTestGateway({ dataDir });
    let logs = new CloudWatchLogsClient(gw.clientConfig);
    const now = Date.now();
    await logs.send(new CreateLogGroupCommand({ logGroupName: "/kept", tags: { a: "b" } }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: "/kept", logStreamName: "s" }));
    await logs.send(new PutRetentionPolicyCommand({ logGroupName: "/kept", retentionInDays: 30 }));
    await logs.send(new PutLogEventsCommand({ logGroupName: "/kept", logStreamName: "s", logEvents: [{ timestamp: now, message: "survives" }] }));
    await gw.stop();
    gw = await startTestGateway({ dataDir });
    try {
      logs = new CloudWatchLogsClient(gw.clientConfig);
      const g = (await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/kept" }))).logGroups?.[0];
      assert.equal(g?.retentionInDays, 30);
      assert.deepEqual((await logs.send(new ListTagsLogGroupCommand({ logGroupName: "/kept" }))).tags, { a: "b" });
      const s = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: "/kept" }))).logStreams?.[0];
      assert.equal(s?.lastEventTimestamp, now);
      const events = await logs.send(new FilterLogEventsCommand({ logGroupName: "/kept" }));
      assert.deepEqual(
        events.events?.map((e) => e.message),
        ["survives"],
      );
    } finally {
      await gw.stop();
    }
  });
});
