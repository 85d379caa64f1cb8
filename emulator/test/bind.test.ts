// Binding: the emulator, its load-balancer listeners and its tasks listen on loopback only;
// binding anywhere else takes --allow-remote and prints a warning.
import assert from "node:assert/strict";
import { rm } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { freePort, waitFor } from "./fixtures/containers.ts";
import { tempDir } from "./harness.ts";
import { deployEchoStack, ECHO_SERVICE } from "./support/echo-stack.ts";
import { type EmulatorProcess, listeningSockets, runEmulatorExpectingExit, startEmulator } from "./support/process.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

const isLoopback = (address: string) => address.startsWith("127.") || address === "::1" || address.startsWith("::ffff:127.");
const credentials = { accessKeyId: "test", secretAccessKey: "test" };

describe("bind: loopback only", () => {
  let emu: EmulatorProcess;
  let dataDir: string;
  before(async () => {
    dataDir = tempDir("bind-");
    emu = await startEmulator(["--port", "0", "--data-dir", dataDir, "--quiet"]);
  });
  after(async () => {
    await emu?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("the gateway listens on 127.0.0.1 and nowhere else", () => {
    const sockets = listeningSockets(emu.child.pid!);
    console.log(`# bind: emulator sockets ${sockets.map((s) => `${s.address}:${s.port}`).join(", ")}`);
    assert.deepEqual(
      sockets.filter((s) => s.port === emu.port),
      [{ address: "127.0.0.1", port: emu.port }],
    );
    assert.deepEqual(sockets.filter((s) => !isLoopback(s.address)), []);
  });

  it("with an ECS + ALB stack deployed, the listener and every task listen on loopback", async () => {
    const cf = new CloudFormationClient({ endpoint: emu.url, region: "us-east-1", credentials });
    const listenerPort = await freePort();
    await deployEchoStack(cf, "bind-stack", listenerPort, 2);
    const tasks = await waitFor("2 running tasks", async () => {
      const all = (await (await fetch(`${emu.url}/_lab/ecs/tasks`)).json()) as { service: string; pid: number; port: number; lastStatus: string }[];
      const mine = all.filter((t) => t.service === ECHO_SERVICE && t.lastStatus === "RUNNING" && t.pid);
      return mine.length === 2 ? mine : undefined;
    }, 60_000);
    assert.equal((await fetch(`http://127.0.0.1:${listenerPort}/hello`)).status, 200, "the listener answers");

    const emulatorSockets = listeningSockets(emu.child.pid!);
    const listener = emulatorSockets.filter((s) => s.port === listenerPort);
    assert.ok(listener.length >= 1, "the emulator process holds the listener");
    assert.deepEqual(emulatorSockets.filter((s) => !isLoopback(s.address)), [], "no emulator socket beyond loopback");
    for (const t of tasks) {
      const sockets = await waitFor(`task ${t.pid} listening`, () => {
        const s = listeningSockets(t.pid);
        return s.length ? s : undefined;
      });
      assert.ok(sockets.some((s) => s.port === t.port), `task ${t.pid} listens on its port ${t.port}`);
      assert.deepEqual(sockets.filter((s) => !isLoopback(s.address)), [], `task ${t.pid} listens on loopback only`);
    }
    console.log(`# bind: listener ${listener.map((s) => `${s.address}:${s.port}`).join(", ")}; tasks ${tasks.map((t) => `127.0.0.1:${t.port}`).join(", ")}`);
  });
});

describe("bind: beyond loopback needs --allow-remote", () => {
  for (const host of ["0.0.0.0", "::", "192.0.2.10"]) {
    it(`refuses --host ${host} without --allow-remote, saying why and how`, async () => {
      const { code, output } = await runEmulatorExpectingExit(["--host", host, "--port", "0", "--ephemeral"]);
      assert.equal(code, 2);
      assert.match(output, new RegExp(`Refusing to bind to ${host.replace(/\./g, "\\.")}: the emulator accepts any credentials\\. Pass --allow-remote`));
      assert.doesNotMatch(output, /listening on/);
    });
  }

  it("refuses EMULATOR_HOST=0.0.0.0 from the environment the same way", async () => {
    const { spawn } = await import("node:child_process");
    const { MAIN } = await import("./support/process.ts");
    const child = spawn(process.execPath, ["--disable-warning=ExperimentalWarning", MAIN, "--port", "0", "--ephemeral"], { env: { ...process.env, EMULATOR_HOST: "0.0.0.0" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stderr.on("data", (d) => (out += d));
    const code = await new Promise((r) => child.once("exit", r));
    assert.equal(code, 2);
    assert.match(out, /Refusing to bind to 0\.0\.0\.0/);
  });

  it("with --allow-remote prints a warning before binding (TEST-NET address: the bind itself fails)", async () => {
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): nothing is exposed, the bind fails.
    const { code, output } = await runEmulatorExpectingExit(["--host", "192.0.2.10", "--allow-remote", "--port", "0", "--ephemeral"]);
    assert.match(output, /WARNING: binding to 192\.0\.2\.10 \(--allow-remote\)\. The emulator accepts any credentials/);
    assert.equal(code, 1);
    assert.match(output, /failed to start/);
  });
});
