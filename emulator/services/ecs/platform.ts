// ECS, ELBv2, App Mesh and Cloud Map share one runtime: ECS tasks register with ALB target
// groups and Cloud Map, the mesh data plane routes to ECS tasks, and unhealthy targets make
// ECS replace tasks. This builds the four service modules around those shared parts.
// Start order: Cloud Map, App Mesh, ELBv2 (listeners reopen), then ECS (tasks respawn);
// stop runs in reverse, so tasks die before listeners close.
import type { ServiceEnv, ServiceModule } from "../../core/service.ts";
import { AlbRuntime } from "../../runtime/alb/load-balancer.ts";
import { EcsRuntime, hostPortOf } from "../../runtime/ecs/scheduler.ts";
import { MeshDataPlane } from "../../runtime/mesh/data-plane.ts";
import { appmesh } from "../appmesh/index.ts";
import { AppMeshStore } from "../appmesh/store.ts";
import { elbv2 } from "../elbv2/index.ts";
import { ElbStore } from "../elbv2/store.ts";
import { servicediscovery } from "../servicediscovery/index.ts";
import { CloudMapStore } from "../servicediscovery/store.ts";
import { ecs } from "./index.ts";
import { EcsStore } from "./store.ts";

export function containerPlatform(env: ServiceEnv): ServiceModule[] {
  const ecsStore = new EcsStore(env.state);
  const elbStore = new ElbStore(env.state);
  const meshStore = new AppMeshStore(env.state);
  const cloudMap = new CloudMapStore(env.state);
  const alb = new AlbRuntime(elbStore, (m, extra) => env.log("elbv2", m, extra));
  const runtime = new EcsRuntime(ecsStore, env);
  const mesh = new MeshDataPlane({ appmesh: meshStore, ecs: ecsStore, cloudMap, log: (m, extra) => env.log("appmesh", m, extra) });
  runtime.wiring = mesh;
  alb.health.onChange = (tgArn, target, health) => {
    if (health.State === "unhealthy") runtime.onTargetUnhealthy(tgArn, target, health.Description);
    if (health.State === "healthy") runtime.onTargetHealthy(tgArn);
  };
  runtime.targetHealthOf = (task) => {
    const svc = task.serviceName ? ecsStore.services.get(ecsStore.serviceKey(task, task.clusterName, task.serviceName)) : undefined;
    for (const lb of svc?.loadBalancers ?? []) {
      const port = hostPortOf(task, lb.containerName, lb.containerPort);
      const h = lb.targetGroupArn && port ? alb.health.health(lb.targetGroupArn, { Id: "127.0.0.1", Port: port }) : undefined;
      if (h) return h.State;
    }
    return undefined;
  };
  return [
    servicediscovery(cloudMap),
    appmesh(meshStore, mesh),
    elbv2({ store: elbStore, alb }),
    ecs({ store: ecsStore, runtime, releaseMesh: (s) => mesh.release(s) }),
  ];
}
