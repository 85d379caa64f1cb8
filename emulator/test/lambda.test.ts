import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { FilterLogEventsCommand, CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  type CreateFunctionCommandInput,
  DeleteFunctionCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  GetPolicyCommand,
  InvalidParameterValueException,
  InvalidRequestContentException,
  InvokeCommand,
  type InvokeCommandInput,
  LambdaClient,
  ListFunctionsCommand,
  ListTagsCommand,
  RemovePermissionCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from "@aws-sdk/client-lambda";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { writeZip } from "../services/lambda/zip.ts";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";
import { alive } from "./fixtures/containers.ts";

const IDLE_MS = 1500;
process.env.EMULATOR_LAMBDA_IDLE_MS = String(IDLE_MS);

const ROLE = "arn:aws:iam::000000000000:role/lab-lambda";

/** Returns what the function saw: event, selected env, pid. */
const ECHO = `
exports.handler = async (event, context) => {
  console.log("got event", JSON.stringify(event));
  return {
    event,
    pid: process.pid,
    requestId: context.awsRequestId,
    remaining: context.getRemainingTimeInMillis(),
    env: {
      FAVOURITE: process.env.FAVOURITE,
      AWS_ENDPOINT_URL: process.env.AWS_ENDPOINT_URL,
      AWS_LAMBDA_FUNCTION_NAME: process.env.AWS_LAMBDA_FUNCTION_NAME,
      AWS_REGION: process.env.AWS_REGION,
      AWS_LAMBDA_LOG_GROUP_NAME: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
      AWS_ACCESS_KEY_ID: process.env.AWS_ACCESS_KEY_ID,
    },
  };
};`;

const SLOW = `exports.handler = async (e) => { await new Promise((r) => setTimeout(r, e.ms)); return { pid: process.pid }; };`;

/** An ES module handler that uses the SDK the runtime provides, against AWS_ENDPOINT_URL. */
const SDK_ESM = `
import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";
import { DynamoDBClient, PutItemCommand, GetItemCommand } from "@aws-sdk/client-dynamodb";
export const handler = async () => {
  const id = await new STSClient({}).send(new GetCallerIdentityCommand({}));
  const ddb = new DynamoDBClient({});
  await ddb.send(new PutItemCommand({ TableName: "lab-faults", Item: { service_name: { S: "from-lambda" }, mode: { S: "latency" } } }));
  const got = await ddb.send(new GetItemCommand({ TableName: "lab-faults", Key: { service_name: { S: "from-lambda" } } }));
  return { account: id.Account, mode: got.Item.mode.S };
};`;

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("base64");
const decode = (p?: Uint8Array) => JSON.parse(Buffer.from(p ?? []).toString("utf8"));

describe("lambda", () => {
  let gw: TestGateway;
  let lambda: LambdaClient;
  const create = (name: string, files: Record<string, string>, extra: Partial<CreateFunctionCommandInput> = {}) =>
    lambda.send(new CreateFunctionCommand({ FunctionName: name, Runtime: "nodejs22.x", Role: ROLE, Handler: "index.handler", Code: { ZipFile: writeZip(files) }, ...extra }));
  const call = async (FunctionName: string, event: unknown = {}, extra: Partial<InvokeCommandInput> = {}) => {
    const out = await lambda.send(new InvokeCommand({ FunctionName, Payload: Buffer.from(JSON.stringify(event)), ...extra }));
    return { ...out, body: out.Payload?.length ? decode(out.Payload) : undefined, log: Buffer.from(out.LogResult ?? "", "base64").toString("utf8") };
  };

  before(async () => {
    gw = await startTestGateway();
    lambda = new LambdaClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates a function with AWS's configuration shape", async () => {
    const zip = writeZip({ "index.js": ECHO });
    const out = await lambda.send(
      new CreateFunctionCommand({
        FunctionName: "echo",
        Runtime: "nodejs22.x",
        Role: ROLE,
        Handler: "index.handler",
        Code: { ZipFile: zip },
        Environment: { Variables: { FAVOURITE: "sqs" } },
        Tags: { lab: "cross-service-lab" },
      }),
    );
    assert.equal(out.$metadata.httpStatusCode, 201);
    assert.equal(out.FunctionArn, "arn:aws:lambda:us-east-1:000000000000:function:echo");
    assert.equal(out.State, "Active");
    assert.equal(out.LastUpdateStatus, "Successful");
    assert.equal(out.CodeSha256, sha256(zip));
    assert.equal(out.CodeSize, zip.length);
    assert.equal(out.Timeout, 3);
    assert.equal(out.MemorySize, 128);
    assert.equal(out.Version, "$LATEST");
    assert.equal(out.PackageType, "Zip");
    assert.match(out.LastModified ?? "", /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    assert.deepEqual(out.Environment?.Variables, { FAVOURITE: "sqs" });
  });

  it("refuses a duplicate with ResourceConflictException 409", async () => {
    await assert.rejects(create("echo", { "index.js": ECHO }), (e: unknown) => {
      assert.ok(e instanceof ResourceConflictException);
      assert.equal(e.$metadata.httpStatusCode, 409);
      assert.equal(e.message, "Function already exist: echo");
      return true;
    });
  });

  it("gets, gets the configuration of and lists functions; a missing one is a 404", async () => {
    const got = await lambda.send(new GetFunctionCommand({ FunctionName: "echo" }));
    assert.equal(got.Configuration?.Handler, "index.handler");
    assert.equal(got.Code?.RepositoryType, "S3");
    const pkg = await fetch(got.Code?.Location ?? "").then((r) => r.json());
    assert.equal(sha256(Buffer.from(pkg.ZipFile, "base64")), got.Configuration?.CodeSha256);
    assert.deepEqual(got.Tags, { lab: "cross-service-lab" });
    const byArn = await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: "arn:aws:lambda:us-east-1:000000000000:function:echo" }));
    assert.equal(byArn.FunctionName, "echo");
    const list = await lambda.send(new ListFunctionsCommand({}));
    assert.ok(list.Functions?.some((f) => f.FunctionName === "echo"));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: "missing" })), (e: unknown) => {
      assert.ok(e instanceof ResourceNotFoundException);
      assert.equal(e.$metadata.httpStatusCode, 404);
      assert.equal(e.message, "Function not found: arn:aws:lambda:us-east-1:000000000000:function:missing");
      return true;
    });
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: "missing" })), ResourceNotFoundException);
  });

  it("invokes for real: event, context, env vars and AWS_ENDPOINT_URL reach the handler", async () => {
    const out = await call("echo", { a: 1 });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, undefined);
    assert.equal(out.ExecutedVersion, "$LATEST");
    assert.deepEqual(out.body.event, { a: 1 });
    assert.notEqual(out.body.pid, process.pid);
    assert.ok(out.body.remaining > 0 && out.body.remaining <= 3000);
    assert.deepEqual(out.body.env, {
      FAVOURITE: "sqs",
      AWS_ENDPOINT_URL: gw.url,
      AWS_LAMBDA_FUNCTION_NAME: "echo",
      AWS_REGION: "us-east-1",
      AWS_LAMBDA_LOG_GROUP_NAME: "/aws/lambda/echo",
      AWS_ACCESS_KEY_ID: "test",
    });
  });

  it("reuses a warm worker, and the idle worker exits after the idle timeout", async () => {
    const first = await call("echo");
    const second = await call("echo");
    assert.equal(second.body.pid, first.body.pid);
    assert.ok(alive(first.body.pid));
    const workers = await fetch(`${gw.url}/_lab/lambda/workers`).then((r) => r.json());
    assert.ok(workers.workers.some((w: { pid: number; state: string }) => w.pid === first.body.pid && w.state === "idle"));
    await new Promise((r) => setTimeout(r, IDLE_MS + 700));
    assert.equal(alive(first.body.pid), false);
    const third = await call("echo");
    assert.notEqual(third.body.pid, first.body.pid);
  });

  it("runs concurrent invocations in separate workers", async () => {
    await create("slow", { "index.js": SLOW });
    const outs = await Promise.all([1, 2, 3].map(() => call("slow", { ms: 400 })));
    assert.ok(outs.every((o) => o.FunctionError === undefined));
    assert.equal(new Set(outs.map((o) => o.body.pid)).size, 3);
  });

  it("returns the log tail with START, the function's output, END and REPORT", async () => {
    await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "echo", MemorySize: 256 }));
    const out = await call("echo", { tail: true }, { LogType: "Tail" });
    const id = out.body.requestId;
    assert.match(out.log, new RegExp(`^START RequestId: ${id} Version: \\$LATEST\n`));
    assert.match(out.log, new RegExp(`\\t${id}\\tINFO\\tgot event \\{"tail":true\\}\n`));
    assert.match(out.log, new RegExp(`END RequestId: ${id}\n`));
    const report = /REPORT RequestId: \S+\tDuration: [\d.]+ ms\tBilled Duration: \d+ ms\tMemory Size: 256 MB\tMax Memory Used: (\d+) MB\tInit Duration: [\d.]+ ms/.exec(out.log);
    assert.ok(report, out.log);
    assert.ok(Number(report[1]) > 10, `Max Memory Used ${report[1]} MB`);
  });

  it("ships the logs to CloudWatch Logs group /aws/lambda/<name>", async () => {
    const logs = new CloudWatchLogsClient(gw.clientConfig);
    const marker = `marker-${Date.now()}`;
    await call("echo", { marker });
    let messages: string[] = [];
    for (let i = 0; i < 50 && !messages.some((m) => m.includes(marker)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      const out = await logs.send(new FilterLogEventsCommand({ logGroupName: "/aws/lambda/echo" })).catch(() => ({ events: [] }));
      messages = (out.events ?? []).map((e) => e.message ?? "");
    }
    assert.ok(messages.some((m) => m.includes(marker)), "the console.log line");
    assert.ok(messages.some((m) => m.startsWith("REPORT RequestId:")));
  });

  it("reports a thrown error as FunctionError Unhandled with errorType, errorMessage and trace", async () => {
    await create("thrower", { "index.js": `exports.handler = async () => { throw new TypeError("boom: " + 42); };` });
    const out = await call("thrower", {}, { LogType: "Tail" });
    assert.equal(out.StatusCode, 200);
    assert.equal(out.FunctionError, "Unhandled");
    assert.equal(out.body.errorType, "TypeError");
    assert.equal(out.body.errorMessage, "boom: 42");
    assert.ok(Array.isArray(out.body.trace) && out.body.trace[0].startsWith("TypeError: boom: 42"));
    assert.match(out.log, /\tERROR\tInvoke Error \t\{"errorType":"TypeError"/);
  });

  it("reports a handler that exits its process as Runtime.ExitError, then starts a fresh worker", async () => {
    await create("quitter", { "index.js": `exports.handler = async (e) => { if (e.exit) process.exit(3); return process.pid; };` });
    const warm = await call("quitter");
    const out = await call("quitter", { exit: true });
    assert.equal(out.FunctionError, "Unhandled");
    assert.equal(out.body.errorType, "Runtime.ExitError");
    assert.match(out.body.errorMessage, /Runtime exited with error: exit status 3/);
    const again = await call("quitter");
    assert.equal(again.FunctionError, undefined);
    assert.notEqual(again.body, warm.body);
  });

  it("enforces the timeout: kills the worker and answers Task timed out", async () => {
    await create("sleepy", { "index.js": SLOW }, { Timeout: 1 });
    const warm = await call("sleepy", { ms: 10 });
    const started = Date.now();
    const out = await call("sleepy", { ms: 5000 }, { LogType: "Tail" });
    assert.ok(Date.now() - started < 3000);
    assert.equal(out.FunctionError, "Unhandled");
    assert.match(out.body.errorMessage, /Task timed out after 1\.00 seconds/);
    assert.match(out.log, /Task timed out after 1\.00 seconds/);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(warm.body.pid), false);
    const again = await call("sleepy", { ms: 10 });
    assert.equal(again.FunctionError, undefined);
    assert.notEqual(again.body.pid, warm.body.pid);
  });

  it("accepts other runtimes at CreateFunction and fails them clearly at Invoke", async () => {
    await create("py", { "index.py": "def handler(e, c): return 1" }, { Runtime: "python3.12" });
    const out = await call("py");
    assert.equal(out.FunctionError, "Unhandled");
    assert.equal(out.body.errorType, "Runtime.InvalidRuntime");
    assert.match(out.body.errorMessage, /python3\.12/);
  });

  it("rejects bad input with AWS's error codes", async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "ok",
        (e) => `${e.name} ${e.$metadata.httpStatusCode}`,
      );
    assert.equal(await code(create("bad-runtime", { "index.js": ECHO }, { Runtime: "nodejs99.x" as never })), "ValidationException 400");
    assert.equal(await code(create("old-runtime", { "index.js": ECHO }, { Runtime: "nodejs12.x" })), "InvalidParameterValueException 400");
    assert.equal(await code(create("bad-role", { "index.js": ECHO }, { Role: "not-a-role" })), "ValidationException 400");
    assert.equal(await code(create("bad-timeout", { "index.js": ECHO }, { Timeout: 901 })), "ValidationException 400");
    assert.equal(await code(create("bad name!", { "index.js": ECHO })), "ValidationException 400");
    assert.equal(await code(create("reserved", { "index.js": ECHO }, { Environment: { Variables: { AWS_REGION: "eu-west-1" } } })), "InvalidParameterValueException 400");
    const notZip = lambda.send(new CreateFunctionCommand({ FunctionName: "not-zip", Runtime: "nodejs22.x", Role: ROLE, Handler: "index.handler", Code: { ZipFile: Buffer.from("nope") } }));
    await assert.rejects(notZip, (e: unknown) => e instanceof InvalidParameterValueException && /Could not unzip/.test(e.message));
    const noCode = lambda.send(new CreateFunctionCommand({ FunctionName: "no-code", Runtime: "nodejs22.x", Role: ROLE, Handler: "index.handler", Code: {} }));
    await assert.rejects(noCode, InvalidParameterValueException);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: "echo", Payload: Buffer.from("{not json") })), InvalidRequestContentException);
    await assert.rejects(lambda.send(new InvokeCommand({ FunctionName: "echo", Qualifier: "7" })), ResourceNotFoundException);
    const names = (await lambda.send(new ListFunctionsCommand({}))).Functions?.map((f) => f.FunctionName);
    assert.ok(!names?.some((n) => ["bad-runtime", "old-runtime", "reserved", "not-zip", "no-code"].includes(n!)));
  });

  it("answers DryRun with 204 and Event with 202, running the event in the background", async () => {
    await create("writer", { "index.js": `exports.handler = async (e) => { require("node:fs").writeFileSync(e.file, "done"); };` });
    const dry = await lambda.send(new InvokeCommand({ FunctionName: "writer", InvocationType: "DryRun" }));
    assert.equal(dry.StatusCode, 204);
    const file = join(tempDir(), "marker");
    const ev = await lambda.send(new InvokeCommand({ FunctionName: "writer", InvocationType: "Event", Payload: Buffer.from(JSON.stringify({ file })) }));
    assert.equal(ev.StatusCode, 202);
    for (let i = 0; i < 50 && !existsSync(file); i++) await new Promise((r) => setTimeout(r, 100));
    assert.equal(readFileSync(file, "utf8"), "done");
  });

  it("loads ES modules (.mjs) whose SDK calls land on the emulator", async () => {
    await new DynamoDBClient(gw.clientConfig).send(
      new CreateTableCommand({
        TableName: "lab-faults",
        KeySchema: [{ AttributeName: "service_name", KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: "service_name", AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    await create("sdk-esm", { "index.mjs": SDK_ESM }, { Timeout: 20 });
    const out = await call("sdk-esm");
    assert.equal(out.FunctionError, undefined, JSON.stringify(out.body));
    assert.deepEqual(out.body, { account: "000000000000", mode: "latency" });
  });

  it("loads .js as ESM when the package says type module, and CommonJS callbacks in nested folders", async () => {
    await create("esm-js", { "package.json": `{"type":"module"}`, "src/app.js": `export const run = async (e) => ({ esm: typeof require === "undefined", e });` }, { Handler: "src/app.run" });
    assert.deepEqual((await call("esm-js", { x: 1 })).body, { esm: true, e: { x: 1 } });
    await create("callback", { "index.js": `exports.handler = (e, ctx, cb) => setTimeout(() => cb(null, { cb: e.n * 2 }), 5);` });
    assert.deepEqual((await call("callback", { n: 21 })).body, { cb: 42 });
  });

  it("reports a missing handler export and a missing module as init errors", async () => {
    await create("no-export", { "index.js": `exports.other = async () => 1;` });
    const a = await call("no-export");
    assert.equal(a.FunctionError, "Unhandled");
    assert.equal(a.body.errorType, "Runtime.HandlerNotFound");
    await create("no-module", { "index.js": ECHO }, { Handler: "missing.handler" });
    const b = await call("no-module");
    assert.equal(b.body.errorType, "Runtime.ImportModuleError");
  });

  it("applies UpdateFunctionConfiguration and UpdateFunctionCode to the next invocation", async () => {
    const before = await call("echo");
    const cfg = await lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "echo", Environment: { Variables: { FAVOURITE: "sns" } }, Timeout: 5 }));
    assert.equal(cfg.Timeout, 5);
    assert.equal(cfg.LastUpdateStatus, "Successful");
    const after = await call("echo");
    assert.equal(after.body.env.FAVOURITE, "sns");
    assert.notEqual(after.body.pid, before.body.pid);
    const zip = writeZip({ "index.js": `exports.handler = async () => "v2";` });
    const code = await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: "echo", ZipFile: zip }));
    assert.equal(code.CodeSha256, sha256(zip));
    assert.notEqual(code.RevisionId, cfg.RevisionId);
    assert.equal((await call("echo")).body, "v2");
    await assert.rejects(lambda.send(new UpdateFunctionConfigurationCommand({ FunctionName: "echo", Timeout: 4, RevisionId: cfg.RevisionId })), (e: unknown) => (e as Error).name === "PreconditionFailedException");
  });

  it("manages the resource policy: AddPermission, GetPolicy, RemovePermission", async () => {
    const add = await lambda.send(
      new AddPermissionCommand({
        FunctionName: "echo",
        StatementId: "sns-invoke",
        Action: "lambda:InvokeFunction",
        Principal: "sns.amazonaws.com",
        SourceArn: "arn:aws:sns:us-east-1:000000000000:order-events",
      }),
    );
    const statement = JSON.parse(add.Statement ?? "{}");
    assert.deepEqual(statement, {
      Sid: "sns-invoke",
      Effect: "Allow",
      Principal: { Service: "sns.amazonaws.com" },
      Action: "lambda:InvokeFunction",
      Resource: "arn:aws:lambda:us-east-1:000000000000:function:echo",
      Condition: { ArnLike: { "AWS:SourceArn": "arn:aws:sns:us-east-1:000000000000:order-events" } },
    });
    await assert.rejects(
      lambda.send(new AddPermissionCommand({ FunctionName: "echo", StatementId: "sns-invoke", Action: "lambda:InvokeFunction", Principal: "sns.amazonaws.com" })),
      ResourceConflictException,
    );
    const policy = JSON.parse((await lambda.send(new GetPolicyCommand({ FunctionName: "echo" }))).Policy ?? "{}");
    assert.equal(policy.Version, "2012-10-17");
    assert.equal(policy.Statement[0].Sid, "sns-invoke");
    await lambda.send(new RemovePermissionCommand({ FunctionName: "echo", StatementId: "sns-invoke" }));
    await assert.rejects(lambda.send(new RemovePermissionCommand({ FunctionName: "echo", StatementId: "sns-invoke" })), ResourceNotFoundException);
    await assert.rejects(lambda.send(new GetPolicyCommand({ FunctionName: "echo" })), ResourceNotFoundException);
  });

  it("tags functions by ARN", async () => {
    const Resource = "arn:aws:lambda:us-east-1:000000000000:function:echo";
    await lambda.send(new TagResourceCommand({ Resource, Tags: { team: "resilience" } }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource }))).Tags, { lab: "cross-service-lab", team: "resilience" });
    await lambda.send(new UntagResourceCommand({ Resource, TagKeys: ["lab"] }));
    assert.deepEqual((await lambda.send(new ListTagsCommand({ Resource }))).Tags, { team: "resilience" });
    await assert.rejects(lambda.send(new ListTagsCommand({ Resource: `${Resource}-nope` })), ResourceNotFoundException);
  });

  it("creates a function from a package in the emulator's S3", async () => {
    const s3 = new S3Client(gw.clientConfig);
    await s3.send(new CreateBucketCommand({ Bucket: "lab-artifacts" }));
    const zip = writeZip({ "index.js": `exports.handler = async () => "from-s3";` });
    await s3.send(new PutObjectCommand({ Bucket: "lab-artifacts", Key: "fn.zip", Body: zip }));
    const out = await lambda.send(new CreateFunctionCommand({ FunctionName: "from-s3", Runtime: "nodejs20.x", Role: ROLE, Handler: "index.handler", Code: { S3Bucket: "lab-artifacts", S3Key: "fn.zip" } }));
    assert.equal(out.CodeSha256, sha256(zip));
    assert.equal((await call("from-s3")).body, "from-s3");
    const missing = lambda.send(new CreateFunctionCommand({ FunctionName: "s3-missing", Runtime: "nodejs20.x", Role: ROLE, Handler: "index.handler", Code: { S3Bucket: "lab-artifacts", S3Key: "nope.zip" } }));
    await assert.rejects(missing, (e: unknown) => e instanceof InvalidParameterValueException && /NoSuchKey/.test(e.message));
  });

  it("deletes a function and stops its workers", async () => {
    const warm = await call("slow", { ms: 1 });
    await lambda.send(new DeleteFunctionCommand({ FunctionName: "slow" }));
    await assert.rejects(lambda.send(new GetFunctionCommand({ FunctionName: "slow" })), ResourceNotFoundException);
    await assert.rejects(lambda.send(new DeleteFunctionCommand({ FunctionName: "slow" })), ResourceNotFoundException);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(alive(warm.body.pid), false);
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: create-function --zip-file and invoke`, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, "fn.zip"), writeZip({ "index.js": `exports.handler = async (e) => ({ doubled: e.a * 2 });` }));
      const name = `cli-${cli}`;
      const created = await aws(cli, gw.url, ["lambda", "create-function", "--function-name", name, "--runtime", "nodejs22.x", "--role", ROLE, "--handler", "index.handler", "--zip-file", "fileb://fn.zip"], { cwd: dir });
      assert.equal(created.code, 0, created.stderr);
      assert.equal(created.json().State, "Active");
      const binary = cli === "v2" ? ["--cli-binary-format", "raw-in-base64-out"] : [];
      const invoked = await aws(cli, gw.url, ["lambda", "invoke", "--function-name", name, ...binary, "--payload", '{"a":1}', "out.json"], { cwd: dir });
      assert.equal(invoked.code, 0, invoked.stderr);
      assert.equal(invoked.json().StatusCode, 200);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, "out.json"), "utf8")), { doubled: 2 });
    });
  }

  it("reset removes every function and worker", async () => {
    const warm = await call("echo");
    await gw.reset();
    assert.deepEqual((await lambda.send(new ListFunctionsCommand({}))).Functions, []);
    assert.equal(alive(warm.body.pid), false);
  });
});

describe("lambda persistence", () => {
  it("keeps functions and their code across a gateway restart", async () => {
    const dataDir = tempDir();
    let gw = await startTestGateway({ dataDir });
    let lambda = new LambdaClient(gw.clientConfig);
    await lambda.send(new CreateFunctionCommand({ FunctionName: "kept", Runtime: "nodejs22.x", Role: ROLE, Handler: "index.handler", Code: { ZipFile: writeZip({ "index.js": `exports.handler = async () => "still here";` }) } }));
    await gw.stop();
    gw = await startTestGateway({ dataDir });
    lambda = new LambdaClient(gw.clientConfig);
    try {
      const out = await lambda.send(new InvokeCommand({ FunctionName: "kept" }));
      assert.equal(decode(out.Payload), "still here");
    } finally {
      await gw.stop();
    }
  });
});
