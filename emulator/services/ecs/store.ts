// ECS records: clusters, task definitions, services (with deployments and events) and tasks.
// Timestamps are epoch milliseconds; the output mappers turn them into Dates.
import { randomBytes, randomUUID } from "node:crypto";
import type {
  ContainerDefinition,
  DeploymentConfiguration,
  LoadBalancer,
  NetworkConfiguration,
  ProxyConfiguration,
  ServiceConnectConfiguration,
  ServiceRegistry,
  Tag,
} from "@aws-sdk/client-ecs";
import { AwsError } from "../../core/errors.ts";
import { type StateDb, scopedKey } from "../../core/state.ts";

export interface Scope {
  accountId: string;
  region: string;
}

export interface ClusterRecord extends Scope {
  clusterName: string;
  clusterArn: string;
  status: "ACTIVE" | "INACTIVE";
  tags: Tag[];
  settings: { name?: string; value?: string }[];
  serviceConnectDefaults?: { namespace?: string };
  createdAt: number;
}

export interface TaskDefinitionRecord extends Scope {
  family: string;
  revision: number;
  taskDefinitionArn: string;
  status: "ACTIVE" | "INACTIVE" | "DELETE_IN_PROGRESS";
  containerDefinitions: ContainerDefinition[];
  cpu?: string;
  memory?: string;
  networkMode?: string;
  requiresCompatibilities?: string[];
  executionRoleArn?: string;
  taskRoleArn?: string;
  volumes?: unknown[];
  proxyConfiguration?: ProxyConfiguration;
  runtimePlatform?: unknown;
  registeredAt: number;
  deregisteredAt?: number;
  tags: Tag[];
}

export interface DeploymentRecord {
  id: string;
  status: "PRIMARY" | "ACTIVE";
  taskDefinition: string;
  createdAt: number;
  updatedAt: number;
  failedTasks: number;
  rolloutState: "IN_PROGRESS" | "COMPLETED" | "FAILED";
  rolloutStateReason: string;
  serviceConnectConfiguration?: ServiceConnectConfiguration;
  /** The Cloud Map services ECS created for the Service Connect discovery names. */
  serviceConnectResources?: { discoveryName: string; discoveryArn: string }[];
}

export interface ServiceRecord extends Scope {
  clusterName: string;
  clusterArn: string;
  serviceName: string;
  serviceArn: string;
  status: "ACTIVE" | "DRAINING" | "INACTIVE";
  desiredCount: number;
  taskDefinition: string;
  launchType: string;
  loadBalancers: LoadBalancer[];
  serviceRegistries: ServiceRegistry[];
  serviceConnectConfiguration?: ServiceConnectConfiguration;
  /** The Cloud Map namespace Service Connect uses, resolved at create/update time. */
  scNamespace?: { id: string; name: string; arn: string };
  networkConfiguration?: NetworkConfiguration;
  deploymentConfiguration: DeploymentConfiguration;
  healthCheckGracePeriodSeconds?: number;
  enableExecuteCommand: boolean;
  enableECSManagedTags: boolean;
  propagateTags?: string;
  tags: Tag[];
  createdAt: number;
  deployments: DeploymentRecord[];
  events: { id: string; createdAt: number; message: string }[];
}

export interface NetworkBindingRecord {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: "tcp" | "udp";
}

export interface ContainerRecord {
  containerArn: string;
  name: string;
  image: string;
  essential: boolean;
  /** "process": a local child process; "sidecar": played by the emulator itself (Envoy, X-Ray). */
  runAs: "process" | "sidecar";
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  networkBindings: NetworkBindingRecord[];
  runtimeId?: string;
  pid?: number;
  healthStatus: "HEALTHY" | "UNHEALTHY" | "UNKNOWN";
}

export interface TaskRecord extends Scope {
  taskArn: string;
  taskId: string;
  clusterName: string;
  clusterArn: string;
  serviceName?: string;
  deploymentId?: string;
  group: string;
  startedBy?: string;
  taskDefinitionArn: string;
  lastStatus: "PROVISIONING" | "PENDING" | "ACTIVATING" | "RUNNING" | "DEACTIVATING" | "STOPPING" | "DEPROVISIONING" | "STOPPED";
  desiredStatus: "RUNNING" | "STOPPED";
  launchType: string;
  cpu?: string;
  memory?: string;
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
  stopCode?: string;
  containers: ContainerRecord[];
  tags: Tag[];
  version: number;
  overrides?: { containerOverrides?: { name?: string; environment?: { name?: string; value?: string }[] }[] };
}

export const clusterNameOf = (ref: string | undefined) => (ref ? (ref.includes(":") ? ref.split("/").pop()! : ref) : "default");
/** Accepts "name", "arn:…:service/cluster/name" and the old "arn:…:service/name". */
export const serviceNameOf = (ref: string) => (ref.includes(":") ? ref.split("/").pop()! : ref);
export const taskIdOf = (ref: string) => (ref.includes(":") ? ref.split("/").pop()! : ref);
export const newTaskId = () => randomBytes(16).toString("hex");
export const newDeploymentId = () => `ecs-svc/${1 + (randomBytes(1)[0] % 9)}${Array.from(randomBytes(18), (b) => b % 10).join("")}`;
export const newEventId = () => randomUUID();

export const clusterNotFound = () => new AwsError("ClusterNotFoundException", "Cluster not found.", 400);
export const serviceNotFound = () => new AwsError("ServiceNotFoundException", "Service not found.", 400);
export const invalidParameter = (message: string) => new AwsError("InvalidParameterException", message, 400);
export const clientException = (message: string) => new AwsError("ClientException", message, 400);

export class EcsStore {
  readonly clusters;
  readonly taskDefinitions;
  readonly services;
  readonly tasks;

  constructor(state: StateDb) {
    this.clusters = state.map<ClusterRecord>("ecs.clusters");
    this.taskDefinitions = state.map<TaskDefinitionRecord>("ecs.taskDefinitions");
    this.services = state.map<ServiceRecord>("ecs.services");
    this.tasks = state.map<TaskRecord>("ecs.tasks");
  }

  /** An ACTIVE cluster by name or ARN (default: "default"), or ClusterNotFoundException. */
  cluster(s: Scope, ref: string | undefined): ClusterRecord {
    const c = this.clusters.get(scopedKey(s, clusterNameOf(ref)));
    if (c?.status !== "ACTIVE") throw clusterNotFound();
    return c;
  }

  serviceKey = (s: Scope, cluster: string, name: string) => scopedKey(s, `${cluster}/${name}`);

  service(s: Scope, cluster: ClusterRecord, ref: string): ServiceRecord {
    const svc = this.services.get(this.serviceKey(s, cluster.clusterName, serviceNameOf(ref)));
    if (!svc) throw serviceNotFound();
    return svc;
  }

  saveService(svc: ServiceRecord) {
    this.services.set(this.serviceKey(svc, svc.clusterName, svc.serviceName), svc);
  }

  saveTask(t: TaskRecord) {
    t.version += 1;
    this.tasks.set(scopedKey(t, t.taskId), t);
  }

  task(s: Scope, ref: string): TaskRecord | undefined {
    return this.tasks.get(scopedKey(s, taskIdOf(ref)));
  }

  /** "family", "family:revision" or an ARN; a bare family means its latest ACTIVE revision. */
  taskDefinition(s: Scope, ref: string | undefined): TaskDefinitionRecord | undefined {
    if (!ref) return undefined;
    const tail = ref.includes(":task-definition/") ? ref.split(":task-definition/")[1] : ref;
    const [family, rev] = tail.split(":");
    if (rev) return this.taskDefinitions.get(scopedKey(s, `${family}:${rev}`));
    let best: TaskDefinitionRecord | undefined;
    for (const td of this.taskDefinitions.values()) {
      if (td.accountId === s.accountId && td.region === s.region && td.family === family && td.status === "ACTIVE" && (!best || td.revision > best.revision)) best = td;
    }
    return best;
  }

  tasksOf(svc: ServiceRecord): TaskRecord[] {
    return [...this.tasks.values()].filter(
      (t) => t.accountId === svc.accountId && t.region === svc.region && t.clusterName === svc.clusterName && t.serviceName === svc.serviceName,
    );
  }

  tasksInCluster(c: ClusterRecord): TaskRecord[] {
    return [...this.tasks.values()].filter((t) => t.accountId === c.accountId && t.region === c.region && t.clusterName === c.clusterName);
  }

  servicesInCluster(c: ClusterRecord): ServiceRecord[] {
    return [...this.services.values()].filter((s) => s.accountId === c.accountId && s.region === c.region && s.clusterName === c.clusterName);
  }

  /** Newest first, at most 100, as DescribeServices shows them. */
  addEvent(svc: ServiceRecord, message: string) {
    svc.events.unshift({ id: newEventId(), createdAt: Date.now(), message: `(service ${svc.serviceName}) ${message}` });
    if (svc.events.length > 100) svc.events.length = 100;
    this.saveService(svc);
  }
}

export const isLive = (t: TaskRecord) => t.desiredStatus === "RUNNING" && t.lastStatus !== "STOPPED";
export const isRunning = (t: TaskRecord) => t.desiredStatus === "RUNNING" && t.lastStatus === "RUNNING";
export const isPending = (t: TaskRecord) => t.desiredStatus === "RUNNING" && ["PROVISIONING", "PENDING", "ACTIVATING"].includes(t.lastStatus);
