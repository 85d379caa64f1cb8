// The explicit service registry. Order matters only for start/stop (stop runs in reverse).
import type { ServiceEnv, ServiceModule } from "../core/service.ts";
import { cloudformation } from "./cloudformation/index.ts";
import { cloudwatch } from "./cloudwatch/index.ts";
import { dynamodb } from "./dynamodb/index.ts";
import { ec2 } from "./ec2/index.ts";
import { ecr } from "./ecr/index.ts";
import { containerPlatform } from "./ecs/platform.ts";
import { events } from "./events/index.ts";
import { fauxqsServices } from "./fauxqs/index.ts";
import { iam } from "./iam/index.ts";
import { lambda } from "./lambda/index.ts";
import { logs } from "./logs/index.ts";
import { sts } from "./sts/index.ts";
import { tagging } from "./tagging/index.ts";
import { xray } from "./xray/index.ts";

export async function createServices(env: ServiceEnv): Promise<ServiceModule[]> {
  return [sts(), ...(await fauxqsServices(env)), dynamodb(env), lambda(env), cloudwatch(env), logs(env), events(env), xray(env), iam(env), ec2(env), ecr(env), tagging(env), ...containerPlatform(env), cloudformation(env)];
}
