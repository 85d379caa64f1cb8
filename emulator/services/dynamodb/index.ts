// DynamoDB is dynalite (LevelDB-backed), mounted in-process: the gateway hands it the raw
// request. Tables are ACTIVE at once (AWS takes seconds; the lab has no use for the wait).
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import dynalite from "dynalite";
import type { ServiceEnv, ServiceModule } from "../../core/service.ts";

export function dynamodb(env: ServiceEnv): ServiceModule {
  const path = env.ephemeral || !env.dataDir ? undefined : join(env.dataDir, "dynamodb");
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

  async function tableNames(): Promise<string[]> {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const out = await env.api.call("dynamodb", "ListTables", { ExclusiveStartTableName: start });
      names.push(...(out.TableNames ?? []));
      start = out.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  return {
    name: "dynamodb",
    signingNames: ["dynamodb"],
    targetPrefixes: ["DynamoDB_20120810"],
    raw: (req, res) => {
      server.emit("request", req, res);
    },
    async reset() {
      for (const TableName of await tableNames()) {
        await env.api.call("dynamodb", "DeleteTable", { TableName }).catch(() => undefined);
      }
      // dynalite drops the table entry on a 0 ms timer after answering DeleteTable.
      for (let i = 0; i < 100 && (await tableNames()).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    },
    async stop() {
      // dynalite closes its LevelDB only from server.close(), and net refuses to close a
      // server that never listened: listen on an ephemeral loopback port for the moment.
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
