// The explicit service registry. Order matters only for start/stop (stop runs in reverse).
import type { ServiceEnv, ServiceModule } from "../core/service.ts";
import { sts } from "./sts/index.ts";

export async function createServices(_env: ServiceEnv): Promise<ServiceModule[]> {
  return [sts()];
}
