// Every AWS SDK command the console sends (deploy, cleanup, the pages, the CLI, the services
// and Lambdas) is an operation of the real AWS API. The oracle is independent of the JS SDK:
// botocore's service models (the Python SDK's, installed with moto), one JSON per service.
// The emulator's own `/_lab/…` HTTP API is reached only behind `capabilities().inspectionApi`.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, it } from "node:test";
import { gunzipSync } from "node:zlib";
import { REPO_ROOT } from "../lab/catalog.ts";

const SCANNED = ["app", "components", "lib", "scripts", "services"];

/** `@aws-sdk/client-<x>` → botocore's service directory. */
const BOTOCORE_SERVICE: Record<string, string> = {
  "client-app-mesh": "appmesh",
  "client-cloudformation": "cloudformation",
  "client-cloudwatch": "cloudwatch",
  "client-cloudwatch-logs": "logs",
  "client-codebuild": "codebuild",
  "client-dynamodb": "dynamodb",
  "client-ec2": "ec2",
  "client-ecr": "ecr",
  "client-ecs": "ecs",
  "client-elastic-load-balancing-v2": "elbv2",
  "client-eventbridge": "events",
  "client-iam": "iam",
  "client-lambda": "lambda",
  "client-resource-groups-tagging-api": "resourcegroupstaggingapi",
  "client-s3": "s3",
  "client-servicediscovery": "servicediscovery",
  "client-sns": "sns",
  "client-sqs": "sqs",
  "client-sts": "sts",
  "client-xray": "xray",
  // The document client's commands wrap DynamoDB operations (see DOCUMENT_OPERATIONS).
  "lib-dynamodb": "dynamodb",
};

/** lib-dynamodb's command → the DynamoDB operation it sends. */
const DOCUMENT_OPERATIONS: Record<string, string> = {
  Get: "GetItem",
  Put: "PutItem",
  Update: "UpdateItem",
  Delete: "DeleteItem",
  BatchGet: "BatchGetItem",
  BatchWrite: "BatchWriteItem",
  TransactGet: "TransactGetItems",
  TransactWrite: "TransactWriteItems",
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : sourceFiles(full);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !full.includes(`${path.sep}test-support${path.sep}`) ? [full] : [];
  });
}

interface Use {
  file: string;
  pkg: string;
  command: string;
}

function commandUses(): Use[] {
  const uses: Use[] = [];
  const importRe = /import\s*(type\s*)?\{([^}]*)\}\s*from\s*"@aws-sdk\/((?:client|lib)-[a-z0-9-]+)"/g;
  for (const file of SCANNED.flatMap((d) => sourceFiles(path.join(REPO_ROOT, d)))) {
    const text = readFileSync(file, "utf8");
    for (const m of text.matchAll(importRe)) {
      if (m[1]) continue;
      for (const raw of m[2].split(",")) {
        const name = raw.trim();
        if (!name || name.startsWith("type ")) continue;
        const imported = name.split(/\s+as\s+/)[0];
        if (imported.endsWith("Command")) uses.push({ file: path.relative(REPO_ROOT, file), pkg: m[3], command: imported });
      }
    }
  }
  return uses;
}

const botocoreData = (() => {
  const run = spawnSync("python3", ["-c", "import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim() : undefined;
})();

const operationsCache = new Map<string, Set<string>>();
function operations(service: string): Set<string> {
  const cached = operationsCache.get(service);
  if (cached) return cached;
  const dir = path.join(botocoreData as string, service);
  const version = readdirSync(dir).sort().at(-1) as string;
  const base = path.join(dir, version, "service-2.json");
  let json: string;
  try {
    json = gunzipSync(readFileSync(`${base}.gz`)).toString("utf8");
  } catch {
    json = readFileSync(base, "utf8");
  }
  const ops = new Set(Object.keys((JSON.parse(json) as { operations: Record<string, unknown> }).operations));
  operationsCache.set(service, ops);
  return ops;
}

const operationOf = (use: Use) => {
  const base = use.command.replace(/Command$/, "");
  return use.pkg === "lib-dynamodb" ? (DOCUMENT_OPERATIONS[base] ?? base) : base;
};

describe("SDK calls", () => {
  const uses = commandUses();

  it("finds the console's commands (deploy, cleanup, pages, CLI, services)", () => {
    const files = new Set(uses.map((u) => u.file));
    for (const f of ["lib/lab/deploy.ts", "lib/lab/cleanup.ts", "lib/lab/leftovers.ts", "lib/lab/stacks.ts"]) assert.ok(files.has(f), `no commands found in ${f}`);
    assert.ok(new Set(uses.map((u) => `${u.pkg}:${u.command}`)).size > 60, `only ${uses.length} uses found`);
  });

  it("uses only operations that exist in the real AWS API (botocore's service models)", { skip: botocoreData ? false : "botocore is not installed (pip install boto3)" }, () => {
    const missing: string[] = [];
    for (const use of uses) {
      const service = BOTOCORE_SERVICE[use.pkg];
      assert.ok(service, `${use.file}: @aws-sdk/${use.pkg} has no botocore service in the table above`);
      if (!operations(service).has(operationOf(use))) missing.push(`${use.file}: ${use.command} (${service} has no ${operationOf(use)})`);
    }
    assert.deepEqual(missing, []);
  });

  it("imports only command classes the SDK packages export", async () => {
    const byPkg = new Map<string, Set<string>>();
    for (const u of uses) byPkg.set(u.pkg, (byPkg.get(u.pkg) ?? new Set()).add(u.command));
    for (const [pkg, commands] of byPkg) {
      const mod = (await import(`@aws-sdk/${pkg}`)) as Record<string, unknown>;
      for (const c of commands) assert.equal(typeof mod[c], "function", `@aws-sdk/${pkg} exports no ${c}`);
    }
  });

  it("rejects a made-up operation (the oracle can fail)", { skip: botocoreData ? false : "botocore is not installed" }, () => {
    assert.equal(operations("sqs").has("PeekMessage"), false);
    assert.equal(operations("sqs").has("ReceiveMessage"), true);
  });

  it("reaches the emulator's /_lab API only behind the inspectionApi capability", () => {
    const offenders: string[] = [];
    for (const file of ["app", "components", "lib"].flatMap((d) => sourceFiles(path.join(REPO_ROOT, d)))) {
      const text = readFileSync(file, "utf8");
      if (/fetch\([^)]*\/_lab/.test(text) && !/capabilities\([^)]*\)\.inspectionApi/.test(text)) offenders.push(path.relative(REPO_ROOT, file));
    }
    assert.deepEqual(offenders, []);
  });
});
