// The reads and writes behind the panels in components/lab-tools/ (ECS, "try it", reset,
// terminal), which exercise pages reuse. ECS through the SDK; the lab's HTTP endpoints through
// plain HTTP to the load balancer named in the stack outputs.
import { DescribeServicesCommand, type DescribeServicesCommandOutput, DescribeTasksCommand, ECSClient, ListTasksCommand, type Service, type Task, UpdateServiceCommand } from "@aws-sdk/client-ecs";
import { clientFor } from "../aws/clients.ts";
import { cliEnvOf, endpointOf, publicTarget, type Target } from "../aws/target.ts";
import { CLUSTER, LAMBDAS, SERVICES } from "../lab/contract.ts";
import { loadTargetProblem, SEED_REQUESTS, type SeedRequestName } from "../lab/load.ts";
import { envScript, SEED_CORRECTIONS, type SeedCorrection } from "../lab/shell-env.ts";
import { labAlbUrl, statusOf } from "./resilience-sdk.ts";

export const ECS_SERVICES = Object.values(SERVICES);
export const MAX_DESIRED_COUNT = 4;

export interface EcsEvent {
  at: number;
  message: string;
}

export interface EcsServiceView {
  service: string;
  status: string;
  running: number;
  desired: number;
  pending: number;
  events: EcsEvent[];
  /** Tasks that stopped recently (crashes, replacements), newest first. */
  stopped: { taskId: string; at: number; reason: string; exitCode?: number }[];
}

/** One service's row from DescribeServices and the stopped tasks of its group. Pure. */
export function ecsServiceView(name: string, s: Service | undefined, stoppedTasks: readonly Task[], maxEvents = 5): EcsServiceView {
  return {
    service: name,
    status: s?.status ?? "MISSING",
    running: s?.runningCount ?? 0,
    desired: s?.desiredCount ?? 0,
    pending: s?.pendingCount ?? 0,
    events: (s?.events ?? [])
      .map((e) => ({ at: e.createdAt ? new Date(e.createdAt).getTime() : 0, message: e.message ?? "" }))
      .sort((a, b) => b.at - a.at)
      .slice(0, maxEvents),
    stopped: stoppedTasks
      .filter((t) => t.group === `service:${name}`)
      .map((t) => ({
        taskId: t.taskArn?.split("/").pop() ?? "",
        at: new Date(t.stoppedAt ?? t.stoppingAt ?? t.createdAt ?? 0).getTime(),
        reason: t.stoppedReason ?? t.containers?.find((c) => c.reason)?.reason ?? "stopped",
        exitCode: t.containers?.find((c) => c.exitCode !== undefined)?.exitCode,
      }))
      .sort((a, b) => b.at - a.at)
      .slice(0, 5),
  };
}

export async function readEcs(target: Target): Promise<{ services: EcsServiceView[]; cluster: string; deployed: boolean }> {
  const ecs = clientFor(ECSClient, target);
  let described: DescribeServicesCommandOutput;
  try {
    described = await ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ECS_SERVICES }));
  } catch (error) {
    // Before the services stack exists there is no cluster: nothing is deployed, nothing failed.
    if ((error as { name?: string }).name !== "ClusterNotFoundException") throw error;
    return { cluster: CLUSTER, deployed: false, services: ECS_SERVICES.map((name) => ecsServiceView(name, undefined, [])) };
  }
  let stopped: Task[] = [];
  const arns = (await ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: "STOPPED", maxResults: 100 }))).taskArns ?? [];
  if (arns.length) stopped = (await ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns.slice(-100) }))).tasks ?? [];
  return {
    cluster: CLUSTER,
    deployed: (described.services ?? []).length > 0,
    services: ECS_SERVICES.map((name) =>
      ecsServiceView(
        name,
        described.services?.find((s) => s.serviceName === name),
        stopped,
      ),
    ),
  };
}

export async function setDesiredCount(target: Target, service: string, desiredCount: number): Promise<void> {
  await clientFor(ECSClient, target).send(new UpdateServiceCommand({ cluster: CLUSTER, service, desiredCount }));
}

// ── "try it" ────────────────────────────────────────────────────────────

export interface TryResult {
  request: SeedRequestName;
  method: string;
  url: string;
  status: number;
  statusText: string;
  ms: number;
  body: string;
  traceId?: string;
  error?: string;
  at: number;
}

const MAX_BODY = 8_000;
/** One request, not a stream: wait longer than the load generator does before calling it lost. */
const TRY_TIMEOUT_MS = 10_000;

/** Sends one of the seed's requests to the lab's load balancer and reports what came back. */
export async function tryRequest(target: Target, name: SeedRequestName): Promise<TryResult> {
  const base = await labAlbUrl(target);
  const spec = SEED_REQUESTS[name];
  const at = Date.now();
  if (!base) return { request: name, method: spec.method, url: spec.path, status: 0, statusText: "", ms: 0, body: "", error: "The lab's load balancer is not deployed yet.", at };
  const url = `${base}${spec.path}`;
  const problem = loadTargetProblem(url, endpointOf(target));
  if (problem) return { request: name, method: spec.method, url, status: 0, statusText: "", ms: 0, body: "", error: problem, at };
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: spec.method,
      headers: "body" in spec ? { "content-type": "application/json" } : undefined,
      body: "body" in spec ? JSON.stringify(spec.body) : undefined,
      signal: AbortSignal.timeout(TRY_TIMEOUT_MS),
      cache: "no-store",
    });
    const text = await res.text();
    const ms = Math.round(performance.now() - t0);
    let body = text;
    try {
      body = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // Not JSON: show it as it came.
    }
    return {
      request: name,
      method: spec.method,
      url,
      status: res.status,
      statusText: res.statusText,
      ms,
      body: body.length > MAX_BODY ? `${body.slice(0, MAX_BODY)}\n… (${body.length - MAX_BODY} more characters)` : body,
      traceId: res.headers.get("x-amzn-trace-id") ?? undefined,
      at,
    };
  } catch (error) {
    const e = error as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === "TimeoutError" ? `no answer within ${TRY_TIMEOUT_MS / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { request: name, method: spec.method, url, status: 0, statusText: "", ms: Math.round(performance.now() - t0), body: "", error: reason, at };
  }
}

/**
 * Tops a product back up to its starting stock through the ALB (`GET /inventory/{id}`, then
 * `POST /inventory/{id}/restock`). The canary (v2) keeps its own stock and is not reachable
 * through the ALB, so only v1's is restored.
 */
export async function restockProduct(target: Target, productId: string, startingStock: number): Promise<void> {
  const base = await labAlbUrl(target);
  if (!base) throw new Error("the load balancer is not deployed");
  const url = `${base}/inventory/${encodeURIComponent(productId)}`;
  const res = await fetch(url, { signal: AbortSignal.timeout(TRY_TIMEOUT_MS), cache: "no-store" });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  const { available } = (await res.json()) as { available?: number };
  const missing = startingStock - (available ?? 0);
  if (missing <= 0) return;
  const post = await fetch(`${url}/restock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ quantity: missing }),
    signal: AbortSignal.timeout(TRY_TIMEOUT_MS),
  });
  if (!post.ok) throw new Error(`restock answered ${post.status}`);
}

// ── terminal ────────────────────────────────────────────────────────────

export interface TerminalCommand {
  title: string;
  command: string;
  /** Why it differs from the seed's, if it does. */
  note?: string;
}

export interface TerminalView {
  where: string;
  exports: string;
  commands: TerminalCommand[];
  corrections: readonly SeedCorrection[];
}

/**
 * The seed's Exercise 3 commands as they run against `where`: the seed's `$ALB_DNS:8080` with the
 * lab's listener port, the script's path in this repository, and the CLI v2 flag on invoke.
 */
export function terminalCommands(listenerPort: string): TerminalCommand[] {
  const alb = `http://$ALB_DNS:${listenerPort}`;
  const invoke = (payload: string) =>
    `aws lambda invoke --function-name ${LAMBDAS.circuitBreakerManager} \\\n  --cli-binary-format raw-in-base64-out \\\n  --payload '${payload}' \\\n  /tmp/response.json && cat /tmp/response.json`;
  return [
    { title: "Load the exports (from the repository root)", command: 'eval "$(npm run --silent lab -- env)"' },
    { title: "Test user-service", command: `curl -X GET ${alb}/users/123` },
    {
      title: "Test order-service",
      command: `curl -X POST ${alb}/orders \\\n  -H 'Content-Type: application/json' \\\n  -d '{"user_id": 123, "items": [{"product_id": "prod-123", "quantity": 2}]}'`,
      note: listenerPort === "8080" ? undefined : `The lab's listener is on port ${listenerPort} here, not the seed's 8080.`,
    },
    { title: "Simulate a failure", command: "./scripts/simulate-service-failure.sh user-service fail", note: "The seed's script lives in scripts/ in this repository; it writes the same lab-faults record as this page." },
    {
      title: "Check the circuit breaker state",
      command: invoke('{"service_name": "user-service", "action": "check"}'),
      note: "AWS CLI v2 reads --payload as base64 unless told it is raw JSON; CLI v1 rejects the flag (see below).",
    },
    { title: "Run the health checker now", command: `aws lambda invoke --function-name ${LAMBDAS.healthChecker} /tmp/health.json && cat /tmp/health.json` },
    { title: "Simulate recovery", command: "./scripts/simulate-service-failure.sh user-service recover" },
    { title: "Check the ECS service", command: `aws ecs describe-services --cluster ${CLUSTER} --services user-service` },
    { title: "Follow the logs", command: "aws logs tail /ecs/user-service --follow" },
  ];
}

export async function readTerminal(target: Target): Promise<TerminalView> {
  const status = await statusOf(target);
  const t = publicTarget(target);
  const where = [t.label, t.accountId, t.region].filter(Boolean).join(" · ");
  return {
    where,
    exports: envScript(where, cliEnvOf(target), status.outputs),
    commands: terminalCommands(status.outputs.ListenerPort ?? "8080"),
    corrections: SEED_CORRECTIONS,
  };
}
