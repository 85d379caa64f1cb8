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
  return {
    SqsStore: sqs.SqsStore as new () => SqsStore,
    SqsQueue: sqs.SqsQueue as { prototype: SqsQueue },
    SnsStore: sns.SnsStore as new () => SnsStore,
    S3Store: s3.S3Store as new () => S3Store,
    PersistenceManager: persistence.PersistenceManager as new (dataDir: string) => PersistenceManager,
  };
}
