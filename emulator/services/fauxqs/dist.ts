// fauxqs exports only buildApp()/startFauxqs() from its package entry, but mounting it in-process
// with its own SQLite persistence needs the store classes and PersistenceManager that
// startFauxqs() wires internally. They are loaded from the installed package's dist folder
// (resolved through the package entry, so hoisting does not matter). Types come from its .d.ts.
import type { PersistenceManager } from "../../../node_modules/fauxqs/dist/persistence.d.ts";
import type { S3Store } from "../../../node_modules/fauxqs/dist/s3/s3Store.d.ts";
import type { SnsStore } from "../../../node_modules/fauxqs/dist/sns/snsStore.d.ts";
import type { SqsQueue, SqsStore } from "../../../node_modules/fauxqs/dist/sqs/sqsStore.d.ts";
import type { SqsMessage } from "../../../node_modules/fauxqs/dist/sqs/sqsTypes.d.ts";

export type { PersistenceManager, S3Store, SnsStore, SqsMessage, SqsQueue, SqsStore };
export type { SnsSubscription, SnsTopic } from "../../../node_modules/fauxqs/dist/sns/snsTypes.d.ts";

const dist = new URL(".", import.meta.resolve("fauxqs"));
const load = (path: string) => import(new URL(path, dist).href);

export async function loadFauxqsInternals() {
  const [sqs, sns, s3, persistence] = await Promise.all([load("sqs/sqsStore.js"), load("sns/snsStore.js"), load("s3/s3Store.js"), load("persistence.js")]);
  const Manager = persistence.PersistenceManager as new (dataDir: string) => PersistenceManager;
  return {
    SqsStore: sqs.SqsStore as new () => SqsStore,
    SqsQueue: sqs.SqsQueue as { prototype: SqsQueue },
    SnsStore: sns.SnsStore as new () => SnsStore,
    S3Store: s3.S3Store as new () => S3Store,
    PersistenceManager: Manager,
    openPersistence: (dataDir: string) => tunePersistence(new Manager(dataDir)),
  };
}

/**
 * fauxqs opens its database in WAL mode but keeps SQLite's default `synchronous = FULL`, so
 * every autocommitted message insert, receive and delete waits for an fsync on the event loop:
 * under load the whole gateway stalls on the disk. In WAL mode `NORMAL` still survives a killed
 * process (SIGKILL) with every acknowledged change; only an OS crash or power loss can drop the
 * last commits. The emulator's own stores use the same setting.
 * https://www.sqlite.org/pragma.html#pragma_synchronous
 */
export function tunePersistence(pm: PersistenceManager): PersistenceManager {
  (pm as unknown as { db: import("node:sqlite").DatabaseSync }).db.exec("PRAGMA synchronous = NORMAL");
  return pm;
}
