import type { AlbRuntime } from "../../runtime/alb/load-balancer.ts";
import type { ElbStore } from "./store.ts";

/** What every ELBv2 operation works with: the records and the local load balancer. */
export interface ElbDeps {
  store: ElbStore;
  alb: AlbRuntime;
}
