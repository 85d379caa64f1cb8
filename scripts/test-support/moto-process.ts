// moto server (`python3 -m moto.server`, moto 5.2.1 on this machine) on a free loopback
// port, for tests that use it as a second implementation of the AWS API.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import { freePort } from "./free-port.ts";

export interface MotoProcess {
  url: string;
  stop: () => Promise<void>;
}

/** Why moto cannot run here, or undefined when it can. */
export function motoUnavailable(): string | undefined {
  const run = spawnSync("python3", ["-c", "import moto.server"], { encoding: "utf8" });
  return run.status === 0 ? undefined : "moto server is not installed (pip install 'moto[server]')";
}

export async function startMoto(timeoutMs = 20_000): Promise<MotoProcess> {
  const port = await freePort();
  const child: ChildProcess = spawn("python3", ["-m", "moto.server", "-H", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  const exited = once(child, "exit");
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await fetch(`${url}/moto-api/`);
      break;
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill("SIGTERM");
        throw new Error(`moto server did not start on ${url} within ${timeoutMs} ms`);
      }
      await sleep(200);
    }
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await exited;
      }
    },
  };
}
