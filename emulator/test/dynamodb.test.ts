import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  QueryCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  ScanCommand,
  UpdateItemCommand,
  waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

const breakerTable = (TableName: string) =>
  new CreateTableCommand({
    TableName,
    KeySchema: [{ AttributeName: "service_name", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "service_name", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });

/** Creates a table and waits for ACTIVE, as real clients must: a CREATING table answers ResourceNotFound. */
async function createActiveTable(ddb: DynamoDBClient, TableName: string) {
  await ddb.send(breakerTable(TableName));
  await waitUntilTableExists({ client: ddb, maxWaitTime: 20, minDelay: 0.05 as number, maxDelay: 0.2 as number }, { TableName });
}

/** The lab's circuit-breaker write: bump `version` only if nobody else did. */
const conditionalBump = (TableName: string, expected: number, state: string) =>
  new UpdateItemCommand({
    TableName,
    Key: { service_name: { S: "user-service" } },
    UpdateExpression: "SET #s = :s, version = :next",
    ConditionExpression: "attribute_not_exists(version) OR version = :expected",
    ExpressionAttributeNames: { "#s": "state" },
    ExpressionAttributeValues: { ":s": { S: state }, ":next": { N: String(expected + 1) }, ":expected": { N: String(expected) } },
    ReturnValues: "ALL_NEW",
  });

describe("dynamodb (dynalite)", () => {
  let gw: TestGateway;
  let ddb: DynamoDBClient;
  before(async () => {
    gw = await startTestGateway();
    ddb = new DynamoDBClient({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates a table that is ACTIVE by the next call and refuses a duplicate", async () => {
    const out = await ddb.send(breakerTable("circuit-breaker-state"));
    assert.equal(out.TableDescription?.TableStatus, "CREATING"); // as AWS answers CreateTable
    assert.equal(out.TableDescription?.TableArn, "arn:aws:dynamodb:us-east-1:000000000000:table/circuit-breaker-state");
    const described = await ddb.send(new DescribeTableCommand({ TableName: "circuit-breaker-state" }));
    assert.equal(described.Table?.TableStatus, "ACTIVE");
    await assert.rejects(ddb.send(breakerTable("circuit-breaker-state")), ResourceInUseException);
  });

  it("puts and gets an item", async () => {
    await ddb.send(new PutItemCommand({ TableName: "circuit-breaker-state", Item: { service_name: { S: "inventory-service" }, state: { S: "CLOSED" }, failure_count: { N: "0" } } }));
    const got = await ddb.send(new GetItemCommand({ TableName: "circuit-breaker-state", Key: { service_name: { S: "inventory-service" } } }));
    assert.deepEqual(got.Item, { service_name: { S: "inventory-service" }, state: { S: "CLOSED" }, failure_count: { N: "0" } });
  });

  it("applies conditional updates on version and rejects a stale one with ConditionalCheckFailedException", async () => {
    const first = await ddb.send(conditionalBump("circuit-breaker-state", 0, "OPEN"));
    assert.equal(first.Attributes?.version.N, "1");
    const second = await ddb.send(conditionalBump("circuit-breaker-state", 1, "HALF_OPEN"));
    assert.equal(second.Attributes?.state.S, "HALF_OPEN");
    await assert.rejects(ddb.send(conditionalBump("circuit-breaker-state", 1, "CLOSED")), (e: unknown) => {
      assert.ok(e instanceof ConditionalCheckFailedException);
      assert.equal(e.$metadata.httpStatusCode, 400);
      return true;
    });
    const got = await ddb.send(new GetItemCommand({ TableName: "circuit-breaker-state", Key: { service_name: { S: "user-service" } }, ConsistentRead: true }));
    assert.equal(got.Item?.state.S, "HALF_OPEN");
    assert.equal(got.Item?.version.N, "2");
  });

  it("queries by key and scans with a filter", async () => {
    await ddb.send(
      new CreateTableCommand({
        TableName: "events",
        KeySchema: [
          { AttributeName: "pk", KeyType: "HASH" },
          { AttributeName: "sk", KeyType: "RANGE" },
        ],
        AttributeDefinitions: [
          { AttributeName: "pk", AttributeType: "S" },
          { AttributeName: "sk", AttributeType: "N" },
        ],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
    for (let i = 0; i < 5; i++) {
      await ddb.send(new PutItemCommand({ TableName: "events", Item: { pk: { S: i % 2 ? "odd" : "even" }, sk: { N: String(i) }, kind: { S: i < 3 ? "small" : "big" } } }));
    }
    const q = await ddb.send(
      new QueryCommand({ TableName: "events", KeyConditionExpression: "pk = :p AND sk > :min", ExpressionAttributeValues: { ":p": { S: "even" }, ":min": { N: "0" } } }),
    );
    assert.deepEqual(
      q.Items?.map((i) => i.sk.N),
      ["2", "4"],
    );
    const s = await ddb.send(new ScanCommand({ TableName: "events", FilterExpression: "kind = :k", ExpressionAttributeValues: { ":k": { S: "big" } } }));
    assert.equal(s.Count, 2);
    assert.equal(s.ScannedCount, 5);
  });

  it("answers a missing table with ResourceNotFoundException", async () => {
    await assert.rejects(ddb.send(new GetItemCommand({ TableName: "nope", Key: { service_name: { S: "x" } } })), ResourceNotFoundException);
  });

  for (const cli of ["v1", "v2"] as const) {
    it(`works with the ${cli} CLI: put-item and get-item`, async () => {
      const put = await aws(cli, gw.url, ["dynamodb", "put-item", "--table-name", "circuit-breaker-state", "--item", `{"service_name":{"S":"cli-${cli}"},"state":{"S":"OPEN"}}`]);
      assert.equal(put.code, 0, put.stderr);
      const get = await aws(cli, gw.url, ["dynamodb", "get-item", "--table-name", "circuit-breaker-state", "--key", `{"service_name":{"S":"cli-${cli}"}}`]);
      assert.equal(get.code, 0, get.stderr);
      assert.equal(get.json().Item.state.S, "OPEN");
    });
  }

  it("reset deletes every table", async () => {
    await gw.reset();
    const out = await ddb.send(new ListTablesCommand({}));
    assert.deepEqual(out.TableNames, []);
  });
});

describe("dynamodb persistence", () => {
  it("keeps tables and items across a gateway restart on the same dataDir", async () => {
    const dataDir = tempDir();
    let gw = await startTestGateway({ dataDir });
    let ddb = new DynamoDBClient(gw.clientConfig);
    try {
      await createActiveTable(ddb, "lab-faults");
      await ddb.send(new PutItemCommand({ TableName: "lab-faults", Item: { service_name: { S: "order-service" }, mode: { S: "fail" } } }));
    } finally {
      await gw.stop();
    }

    gw = await startTestGateway({ dataDir });
    ddb = new DynamoDBClient(gw.clientConfig);
    try {
      const got = await ddb.send(new GetItemCommand({ TableName: "lab-faults", Key: { service_name: { S: "order-service" } } }));
      assert.equal(got.Item?.mode.S, "fail");
    } finally {
      await gw.stop();
    }
  });

  it("keeps tables and items after the emulator process is killed with SIGKILL", async () => {
    const dataDir = tempDir();
    const start = async () => {
      const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, "..", "main.ts"), "--port", "0", "--data-dir", dataDir], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let out = "";
        child.stdout!.on("data", (d) => {
          out += d;
          const m = /listening on (http:\/\/\S+)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
        setTimeout(() => {
          child.kill("SIGKILL");
          reject(new Error(`emulator did not start: ${out}`));
        }, 20_000).unref();
      });
      return { child, ddb: new DynamoDBClient({ endpoint: url, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } }) };
    };
    const kill = (child: ChildProcess) =>
      new Promise((r) => {
        child.once("exit", r);
        child.kill("SIGKILL");
      });

    let { child, ddb } = await start();
    try {
      await createActiveTable(ddb, "circuit-breaker-state");
      await ddb.send(new PutItemCommand({ TableName: "circuit-breaker-state", Item: { service_name: { S: "user-service" }, version: { N: "7" } } }));
    } finally {
      await kill(child);
    }

    ({ child, ddb } = await start());
    try {
      const got = await ddb.send(new GetItemCommand({ TableName: "circuit-breaker-state", Key: { service_name: { S: "user-service" } } }));
      assert.equal(got.Item?.version.N, "7");
    } finally {
      await kill(child);
    }
  });
});
