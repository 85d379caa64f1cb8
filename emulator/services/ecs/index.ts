// Amazon ECS. Records live in store.ts; emulator/runtime/ecs runs the tasks as processes.
import * as schemas from "@aws-sdk/client-ecs";
import { AwsError } from "../../core/errors.ts";
import type { ServiceModule } from "../../core/service.ts";
import { createCluster } from "./actions/createCluster.ts";
import { createService } from "./actions/createService.ts";
import { deleteCluster } from "./actions/deleteCluster.ts";
import { deleteService } from "./actions/deleteService.ts";
import { deregisterTaskDefinition } from "./actions/deregisterTaskDefinition.ts";
import { describeClusters } from "./actions/describeClusters.ts";
import { describeServices } from "./actions/describeServices.ts";
import { describeTaskDefinition } from "./actions/describeTaskDefinition.ts";
import { describeTasks } from "./actions/describeTasks.ts";
import { listClusters } from "./actions/listClusters.ts";
import { listServices } from "./actions/listServices.ts";
import { listTaskDefinitionFamilies } from "./actions/listTaskDefinitionFamilies.ts";
import { listTaskDefinitions } from "./actions/listTaskDefinitions.ts";
import { listTasks } from "./actions/listTasks.ts";
import { registerTaskDefinition } from "./actions/registerTaskDefinition.ts";
import { runTask } from "./actions/runTask.ts";
import { stopTask } from "./actions/stopTask.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";
import { updateService } from "./actions/updateService.ts";
import type { EcsDeps } from "./deps.ts";
import { taskOutput } from "./output.ts";
import type { TaskRecord } from "./store.ts";

export function ecs(deps: EcsDeps): ServiceModule {
  const { store, runtime } = deps;
  const taskById = (id: string): TaskRecord => {
    const t = [...store.tasks.values()].find((x) => x.taskId === id);
    if (!t) throw new AwsError("NotFound", `No task ${id}`, 404);
    return t;
  };
  return {
    name: "ecs",
    signingNames: ["ecs"],
    targetPrefixes: ["AmazonEC2ContainerServiceV20141113"],
    protocols: ["json"],
    schemas,
    operations: {
      CreateCluster: createCluster(deps),
      DescribeClusters: describeClusters(deps),
      ListClusters: listClusters(deps),
      DeleteCluster: deleteCluster(deps),
      RegisterTaskDefinition: registerTaskDefinition(deps),
      DescribeTaskDefinition: describeTaskDefinition(deps),
      DeregisterTaskDefinition: deregisterTaskDefinition(deps),
      ListTaskDefinitions: listTaskDefinitions(deps),
      ListTaskDefinitionFamilies: listTaskDefinitionFamilies(deps),
      CreateService: createService(deps),
      DescribeServices: describeServices(deps),
      UpdateService: updateService(deps),
      DeleteService: deleteService(deps),
      ListServices: listServices(deps),
      ListTasks: listTasks(deps),
      DescribeTasks: describeTasks(deps),
      RunTask: runTask(deps),
      StopTask: stopTask(deps),
      TagResource: tagResource(deps),
      UntagResource: untagResource(deps),
      ListTagsForResource: listTagsForResource(deps),
    },
    ownedPids: () => runtime.processes().flatMap((p) => p.pids.filter((pid): pid is number => pid !== undefined)),
    lab: {
      /** The task and port map. `?all=1` includes stopped tasks. */
      "GET /ecs/tasks": ({ url }) => {
        const all = url.searchParams.get("all") === "1";
        const procs = new Map(runtime.processes().map((p) => [p.taskArn, p]));
        return [...store.tasks.values()]
          .filter((t) => all || t.lastStatus !== "STOPPED")
          .sort((a, b) => a.createdAt - b.createdAt)
          .map((t) => ({
            cluster: t.clusterName,
            service: t.serviceName,
            taskId: t.taskId,
            taskArn: t.taskArn,
            lastStatus: t.lastStatus,
            desiredStatus: t.desiredStatus,
            pid: t.containers.find((c) => c.pid)?.pid,
            port: t.containers.flatMap((c) => c.networkBindings)[0]?.hostPort,
            containers: t.containers.map((c) => ({ name: c.name, image: c.image, runAs: c.runAs, pid: c.pid, lastStatus: c.lastStatus, exitCode: c.exitCode, ports: c.networkBindings })),
            health: runtime.targetHealthOf?.(t) ?? "UNKNOWN",
            startedAt: t.startedAt ? new Date(t.startedAt).toISOString() : undefined,
            stoppedReason: t.stoppedReason,
            logTail: procs.get(t.taskArn)?.tail,
          }));
      },
      /** Task metadata endpoint v4 stand-in (ECS_CONTAINER_METADATA_URI_V4). */
      "GET /ecs/metadata/:taskId/:container": ({ params }) => {
        const t = taskById(params.taskId);
        const c = taskOutput(t).containers?.find((x) => x.name === params.container);
        return { DockerId: c?.runtimeId, Name: c?.name, Image: c?.image, KnownStatus: c?.lastStatus, Networks: [{ NetworkMode: "awsvpc", IPv4Addresses: ["127.0.0.1"] }] };
      },
      "GET /ecs/metadata/:taskId/:container/task": ({ params }) => {
        const t = taskById(params.taskId);
        return { Cluster: t.clusterArn, TaskARN: t.taskArn, Family: t.taskDefinitionArn.split("/").pop()!.split(":")[0], Revision: t.taskDefinitionArn.split(":").pop(), DesiredStatus: t.desiredStatus, KnownStatus: t.lastStatus, AvailabilityZone: `${t.region}a`, LaunchType: t.launchType, ServiceName: t.serviceName };
      },
    },
    start: () => runtime.start(),
    stop: () => runtime.stop(),
    reset: () => runtime.reset(),
  };
}
