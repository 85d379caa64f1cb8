import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { inflateRawSync } from "node:zlib";
import { bundleLambdas, type LambdaBundle } from "./bundle.ts";
import { zip } from "./zip.ts";

/** Reads a zip back through its central directory (what Lambda does), not trusting our writer's assumptions. */
function readZip(buf: Buffer): Map<string, Buffer> {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, "end of central directory");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return files;
}

describe("zip writer", () => {
  it("writes archives that unzip tests clean, with the content and 0644 mode", () => {
    const dir = mkdtempSync(join(tmpdir(), "zip-test-"));
    try {
      const data = zip([
        { name: "index.mjs", data: "export const handler = async () => 42;\n" },
        { name: "lib/ü.txt", data: Buffer.alloc(10_000, "a") },
      ]);
      const path = join(dir, "t.zip");
      execFileSync("sh", ["-c", `cat > ${path}`], { input: data });
      assert.match(execFileSync("unzip", ["-t", path]).toString(), /No errors detected/);
      const listing = execFileSync("zipinfo", [path]).toString();
      assert.match(listing, /-rw-r--r--.*index\.mjs/);
      assert.equal(execFileSync("unzip", ["-p", path, "index.mjs"]).toString(), "export const handler = async () => 42;\n");
      assert.equal(readZip(data).get("lib/ü.txt")?.length, 10_000);
      assert.deepEqual(zip([{ name: "a", data: "x" }]), zip([{ name: "a", data: "x" }]), "deterministic");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("bundleLambdas", () => {
  let dir: string;
  let bundles: LambdaBundle[];
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "lambda-bundles-"));
    bundles = await bundleLambdas(dir);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("writes one zip per function with index.mjs inside, and a content-addressed S3 key", () => {
    assert.deepEqual(
      bundles.map((b) => b.name),
      ["circuit-breaker-manager", "health-checker", "analytics-consumer", "cross-service-lab-ttl"],
    );
    for (const b of bundles) {
      const buf = readFileSync(b.zipPath);
      assert.equal(b.sha256, createHash("sha256").update(buf).digest("hex"));
      assert.equal(b.codeSha256, createHash("sha256").update(buf).digest("base64"));
      assert.match(b.s3Key, new RegExp(`^lambdas/${b.name}-[0-9a-f]{12}\\.zip$`));
      assert.deepEqual([...readZip(buf).keys()], ["index.mjs"]);
      assert.match(execFileSync("unzip", ["-l", b.zipPath]).toString(), /index\.mjs/);
      assert.ok(b.bytes < 2 * 1024 * 1024, `${b.name} is ${b.bytes} bytes`);
    }
  });

  it("the bundle runs on its own, with no node_modules near it", async () => {
    const b = bundles.find((x) => x.name === "analytics-consumer")!;
    const out = join(dir, "run", "index.mjs");
    execFileSync("unzip", ["-o", "-q", b.zipPath, "-d", join(dir, "run")]);
    const mod = await import(out);
    mod.configure({ send: async () => {} });
    const envelope = (m: unknown) => JSON.stringify({ Type: "Notification", Message: JSON.stringify(m), MessageAttributes: { eventType: { Type: "String", Value: "order_created" } } });
    const res = await mod.handler({ Records: [{ messageId: "ok", body: envelope({}) }, { messageId: "bad", body: envelope({ poison: true }) }] });
    assert.deepEqual(res, { batchItemFailures: [{ itemIdentifier: "bad" }] });
  });

  it("is reproducible: the same sources give the same bytes", async () => {
    const again = await bundleLambdas(join(dir, "again"), ["analytics-consumer"]);
    assert.equal(again[0].sha256, bundles.find((x) => x.name === "analytics-consumer")!.sha256);
  });
});
