// The three ServiceModules that share one in-process fauxqs. The sqs module owns the mount's
// lifecycle (stop closes it, reset purges it).
import type { ServiceEnv, ServiceModule } from "../../core/service.ts";
import { s3 } from "../s3/index.ts";
import { sns } from "../sns/index.ts";
import { sqs } from "../sqs/index.ts";
import { createFauxqsMount } from "./mount.ts";

export async function fauxqsServices(env: ServiceEnv): Promise<ServiceModule[]> {
  const mount = await createFauxqsMount(env);
  return [sqs(mount, env), sns(mount), s3(mount)];
}
