// Test support for services/: an emulator gateway (DynamoDB is what the services need today)
// with the lab's two tables, and real service processes on free loopback ports.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { CreateTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { startTestGateway, type TestGateway } from "../emulator/test/harness.ts";
import { TABLE_KEY, TABLES } from "../lib/lab/contract.ts";

export interface LabGateway {
  gateway: TestGateway;
  ddb: DynamoDBDocumentClient;
  /** Env for a service or Lambda talking to this gateway. */
  awsEnv: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLabGateway(): Promise<LabGateway> {
  const gateway = await startTestGateway();
  const raw = new DynamoDBClient(gateway.clientConfig);
  for (const TableName of Object.values(TABLES)) {
    await raw.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: TABLE_KEY, KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: TABLE_KEY, AttributeType: "S" }],
        BillingMode: "PAY_PER_REQUEST",
      }),
    );
  }
  return {
    gateway,
    ddb: DynamoDBDocumentClient.from(raw, { marshallOptions: { removeUndefinedValues: true } }),
    awsEnv: {
      AWS_ENDPOINT_URL: gateway.url,
      AWS_REGION: gateway.clientConfig.region,
      AWS_ACCESS_KEY_ID: "test",
      AWS_SECRET_ACCESS_KEY: "test",
    },
    stop: () => gateway.stop(),
  };
}

export interface ServiceProcess {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  /** Parsed JSON log lines so far. */
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** Starts services/<dir>/main.ts with PORT=0 and waits for its "listening" line. */
export async function startService(dir: string, env: Record<string, string> = {}): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", join(import.meta.dirname, dir, "main.ts")], {
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      AWS_EC2_METADATA_DISABLED: "true",
      PORT: "0",
      HOST: "127.0.0.1",
      RECEIVE_WAIT_SECONDS: "1",
      ...env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    const timer = setTimeout(() => reject(new Error(`${dir} did not start in 15 s: ${stderr}`)), 15_000);
    child.stdout!.on("data", (d: Buffer) => {
      buf += d.toString();
      let nl = buf.indexOf("\n");
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        try {
          const j = JSON.parse(line);
          logs.push(j);
          if (j.msg === "listening") {
            clearTimeout(timer);
            resolve(j.port);
          }
        } catch {
          // not a log line
        }
        nl = buf.indexOf("\n");
      }
    });
    child.stderr!.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${dir} exited with ${code} before listening: ${stderr}`));
    });
  });
  return {
    name: dir,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const timeout = setTimeout(() => child.kill("SIGKILL"), 8_000);
      const code = await exited;
      clearTimeout(timeout);
      return code;
    },
  };
}

export async function json(url: string, init?: RequestInit & { json?: unknown }) {
  const res = await fetch(url, {
    ...init,
    ...(init?.json === undefined ? {} : { body: JSON.stringify(init.json), headers: { "content-type": "application/json", ...init?.headers } }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Polls `fn` until it returns a truthy value or `ms` passes. */
export async function eventually<T>(fn: () => Promise<T> | T, ms = 5_000, stepMs = 100): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}
