// Store records → SDK output shapes.
import type { Cluster, Container, Deployment, Service, Task, TaskDefinition } from "@aws-sdk/client-ecs";
import { type ClusterRecord, type EcsStore, isPending, isRunning, type ServiceRecord, type TaskDefinitionRecord, type TaskRecord } from "./store.ts";

const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

export function clusterOutput(store: EcsStore, c: ClusterRecord, include: string[] = []): Cluster {
  const tasks = store.tasksInCluster(c);
  return {
    clusterArn: c.clusterArn,
    clusterName: c.clusterName,
    status: c.status,
    registeredContainerInstancesCount: 0,
    runningTasksCount: tasks.filter(isRunning).length,
    pendingTasksCount: tasks.filter(isPending).length,
    activeServicesCount: store.servicesInCluster(c).filter((s) => s.status === "ACTIVE").length,
    statistics: [],
    tags: include.includes("TAGS") ? c.tags : undefined,
    settings: include.includes("SETTINGS") ? (c.settings as any) : undefined,
    capacityProviders: [],
    defaultCapacityProviderStrategy: [],
    serviceConnectDefaults: c.serviceConnectDefaults,
  };
}

export function taskDefinitionOutput(td: TaskDefinitionRecord): TaskDefinition {
  return {
    taskDefinitionArn: td.taskDefinitionArn,
    family: td.family,
    revision: td.revision,
    status: td.status,
    containerDefinitions: td.containerDefinitions,
    cpu: td.cpu,
    memory: td.memory,
    networkMode: td.networkMode as any,
    requiresCompatibilities: td.requiresCompatibilities as any,
    compatibilities: ["EC2", "FARGATE"],
    executionRoleArn: td.executionRoleArn,
    taskRoleArn: td.taskRoleArn,
    volumes: (td.volumes ?? []) as any,
    proxyConfiguration: td.proxyConfiguration,
    runtimePlatform: td.runtimePlatform as any,
    placementConstraints: [],
    requiresAttributes: [],
    registeredAt: date(td.registeredAt),
    deregisteredAt: date(td.deregisteredAt),
    registeredBy: `arn:aws:iam::${td.accountId}:root`,
  };
}

export function serviceOutput(store: EcsStore, svc: ServiceRecord, includeTags = false): Service {
  const tasks = store.tasksOf(svc);
  const deployments: Deployment[] = svc.deployments.map((d) => {
    const mine = tasks.filter((t) => t.deploymentId === d.id);
    return {
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.status === "PRIMARY" ? svc.desiredCount : 0,
      pendingCount: mine.filter(isPending).length,
      runningCount: mine.filter(isRunning).length,
      failedTasks: d.failedTasks,
      createdAt: date(d.createdAt),
      updatedAt: date(d.updatedAt),
      launchType: svc.launchType as any,
      platformVersion: svc.launchType === "FARGATE" ? "1.4.0" : undefined,
      networkConfiguration: svc.networkConfiguration,
      rolloutState: d.rolloutState,
      rolloutStateReason: d.rolloutStateReason,
      serviceConnectConfiguration: d.serviceConnectConfiguration,
      serviceConnectResources: d.serviceConnectResources,
    };
  });
  return {
    serviceArn: svc.serviceArn,
    serviceName: svc.serviceName,
    clusterArn: svc.clusterArn,
    loadBalancers: svc.loadBalancers,
    serviceRegistries: svc.serviceRegistries,
    status: svc.status,
    desiredCount: svc.desiredCount,
    runningCount: tasks.filter(isRunning).length,
    pendingCount: tasks.filter(isPending).length,
    launchType: svc.launchType as any,
    platformVersion: svc.launchType === "FARGATE" ? "LATEST" : undefined,
    platformFamily: svc.launchType === "FARGATE" ? "Linux" : undefined,
    taskDefinition: svc.taskDefinition,
    deploymentConfiguration: svc.deploymentConfiguration,
    deployments,
    events: svc.events.map((e) => ({ id: e.id, createdAt: date(e.createdAt), message: e.message })),
    createdAt: date(svc.createdAt),
    createdBy: `arn:aws:iam::${svc.accountId}:root`,
    placementConstraints: [],
    placementStrategy: [],
    networkConfiguration: svc.networkConfiguration,
    healthCheckGracePeriodSeconds: svc.healthCheckGracePeriodSeconds,
    schedulingStrategy: "REPLICA",
    deploymentController: { type: "ECS" },
    enableECSManagedTags: svc.enableECSManagedTags,
    propagateTags: (svc.propagateTags ?? "NONE") as any,
    enableExecuteCommand: svc.enableExecuteCommand,
    tags: includeTags ? svc.tags : undefined,
  };
}

export function taskOutput(t: TaskRecord, includeTags = false): Task {
  const containers: Container[] = t.containers.map((c) => ({
    containerArn: c.containerArn,
    taskArn: t.taskArn,
    name: c.name,
    image: c.image,
    runtimeId: c.runtimeId,
    lastStatus: c.lastStatus,
    exitCode: c.exitCode,
    reason: c.reason,
    networkBindings: c.networkBindings,
    networkInterfaces: [{ attachmentId: `eni-${t.taskId.slice(0, 8)}`, privateIpv4Address: "127.0.0.1" }],
    healthStatus: c.healthStatus,
  }));
  return {
    taskArn: t.taskArn,
    clusterArn: t.clusterArn,
    taskDefinitionArn: t.taskDefinitionArn,
    lastStatus: t.lastStatus,
    desiredStatus: t.desiredStatus,
    launchType: t.launchType as any,
    platformVersion: t.launchType === "FARGATE" ? "1.4.0" : undefined,
    cpu: t.cpu,
    memory: t.memory,
    group: t.group,
    startedBy: t.startedBy,
    containers,
    attachments: [
      {
        id: `eni-${t.taskId.slice(0, 8)}`,
        type: "ElasticNetworkInterface",
        status: t.lastStatus === "STOPPED" ? "DELETED" : "ATTACHED",
        details: [
          { name: "subnetId", value: "subnet-local" },
          { name: "networkInterfaceId", value: `eni-${t.taskId.slice(0, 17)}` },
          { name: "privateIPv4Address", value: "127.0.0.1" },
        ],
      },
    ],
    availabilityZone: `${t.region}a`,
    connectivity: t.startedAt ? "CONNECTED" : undefined,
    connectivityAt: date(t.startedAt),
    createdAt: date(t.createdAt),
    pullStartedAt: date(t.pullStartedAt),
    pullStoppedAt: date(t.pullStoppedAt),
    startedAt: date(t.startedAt),
    stoppingAt: date(t.stoppingAt),
    stoppedAt: date(t.stoppedAt),
    executionStoppedAt: date(t.stoppedAt),
    stoppedReason: t.stoppedReason,
    stopCode: t.stopCode as any,
    healthStatus: "UNKNOWN",
    overrides: { containerOverrides: (t.overrides?.containerOverrides ?? []) as any, inferenceAcceleratorOverrides: [] },
    enableExecuteCommand: false,
    version: t.version,
    tags: includeTags ? t.tags : undefined,
  };
}
