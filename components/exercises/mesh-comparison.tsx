import styles from "./exercises.module.css";

const ROWS: { what: string; appMesh: string; connect: string }[] = [
  { what: "Weighted routing", appMesh: "Routes split traffic by weight (the lab's 90/10 inventory canary).", connect: "None: calls spread evenly over healthy tasks. Canaries need two services or a load balancer." },
  { what: "Retries", appMesh: "Per route: max retries, per-try timeout, which errors retry.", connect: "Fixed defaults in the Service Connect proxy; no per-route policy." },
  { what: "Outlier detection", appMesh: "Per virtual node: eject an endpoint after N 5xx, for a set time.", connect: "Built in, not tunable." },
  { what: "Envoy configuration", appMesh: "Virtual nodes, routers, routes, gateways: much of Envoy's surface, as AWS resources.", connect: "A managed proxy; you set a port name, a DNS name and timeouts." },
  { what: "Observability", appMesh: "Envoy stats and access logs, X-Ray through the sidecar.", connect: "Per-service metrics in CloudWatch out of the box; X-Ray from your code." },
  { what: "Cost", appMesh: "No charge for the mesh; the Envoy sidecars cost CPU and memory per task.", connect: "No charge; the managed proxy also uses task CPU and memory." },
];

/** Exercise 1: what each mesh gives, and what went with App Mesh. */
export function MeshComparison({ variant }: { variant?: string }) {
  return (
    <section className={styles.comparison} aria-labelledby="mesh-comparison">
      <h2 id="mesh-comparison" className={styles.comparisonTitle}>
        App Mesh and Service Connect, side by side
      </h2>
      <p className={styles.explanation}>
        AWS discontinued App Mesh on 2026-09-30: new meshes cannot be created on AWS, so there the lab deploys Service Connect. The emulator still runs App Mesh, so you can compare.
        {variant ? ` This lab runs ${variant === "connect" ? "Service Connect" : "App Mesh"}.` : ""}
      </p>
      <div className={styles.tableWrap}>
        <table className={styles.table}>
          <thead>
            <tr>
              <th scope="col">Capability</th>
              <th scope="col">App Mesh</th>
              <th scope="col">ECS Service Connect</th>
            </tr>
          </thead>
          <tbody>
            {ROWS.map((r) => (
              <tr key={r.what}>
                <th scope="row">{r.what}</th>
                <td>{r.appMesh}</td>
                <td>{r.connect}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className={styles.explanation}>
        What was lost: traffic shifting by weight, per-route retry and timeout policies, tunable outlier detection, and one model for mesh traffic across ECS, EKS and EC2. With Service Connect you move those into your code (the lab's breaker), a load balancer or CodeDeploy.
      </p>
    </section>
  );
}
