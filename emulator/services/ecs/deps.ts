import type { EcsRuntime } from "../../runtime/ecs/scheduler.ts";
import type { EcsStore } from "./store.ts";

/** What every ECS operation works with: the records, the task runtime, and the mesh to release. */
export interface EcsDeps {
  store: EcsStore;
  runtime: EcsRuntime;
  releaseMesh(s: { accountId: string; region: string; clusterName: string; serviceName: string }): Promise<void>;
}
