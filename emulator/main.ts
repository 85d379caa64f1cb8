// `npm run emulator`: the AWS-compatible endpoint on 127.0.0.1:4566.
import { isLoopback, loadConfig } from "./config.ts";
import { startGateway } from "./gateway/gateway.ts";

let cfg: ReturnType<typeof loadConfig>;
try {
  cfg = loadConfig(process.argv.slice(2));
} catch (e) {
  console.error(`emulator: ${(e as Error).message}`);
  process.exit(2);
}

// ARCHITECTURE.md: binding beyond loopback takes an explicit flag and a printed warning.
if (!isLoopback(cfg.host)) {
  console.error(`emulator: WARNING: binding to ${cfg.host} (--allow-remote). The emulator accepts any credentials: anyone who can reach this port can read and change everything in it.`);
}

try {
  const gw = await startGateway(cfg);
  console.log(`emulator: listening on ${gw.url} (${cfg.ephemeral ? "ephemeral" : `data in ${cfg.dataDir ?? "memory"}`})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await gw.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (e) {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "EADDRINUSE") {
    console.error(`emulator: port ${cfg.port} on ${cfg.host} is already in use (LocalStack often holds 4566). Stop that process or choose another port: EMULATOR_PORT=4567 npm start`);
  } else console.error(`emulator: failed to start: ${err.message}`);
  process.exit(1);
}
