import { type Capabilities, targetKinds } from "@/lib/aws/target";

const ROWS: [string, (c: Capabilities) => string][] = [
  ["Live charts refresh every", (c) => `${c.pollMs / 1000} s`],
  ["Emulator inspection API", (c) => (c.inspectionApi ? "Flow log, task map, rule firing" : "Not available")],
  ["App Mesh variant", (c) => (c.appMesh ? "Available" : "Service Connect only: App Mesh ended on 2026-09-30")],
  ["Queue peek", (c) => (c.safePeek ? "Without consuming" : "Not offered: a receive counts toward the DLQ")],
  ["Service images", (c) => (c.containerImages === "image-map" ? "Run from source (image map)" : "Built and pushed to ECR: npm run aws:images")],
  ["Cleanup asks you to", (c) => (c.confirmation === "single" ? "Confirm once" : "Type the account id")],
];

/** What the console does differently on each kind of target. */
export function CapabilityTable() {
  const kinds = targetKinds();
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Differences between the local emulator and an AWS account</caption>
        <thead>
          <tr>
            <td />
            {kinds.map(({ kind, capabilities }) => (
              <th key={kind} scope="col">
                {capabilities.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([label, show]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {kinds.map(({ kind, capabilities }) => (
                <td key={kind}>{show(capabilities)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
