import { formatMoney } from "@/lib/cost/format";
import type { SeedComparison } from "@/lib/cost/model";
import styles from "./cost.module.css";

/** The seed's "Cost Estimation" table beside ours for the same 2 hours, row by row, with why each differs. */
export function SeedComparisonTable({ comparison }: { comparison: SeedComparison }) {
  const { seed, ours, rows, hours, region } = comparison;
  return (
    <div className="table-scroll">
      <table className={`data-table ${styles.table}`} data-testid="seed-comparison">
        <caption className={styles.tableCaption}>
          The seed's estimate for a {hours}-hour session beside ours, on {region} list prices. Ours assumes: {comparison.session}
        </caption>
        <thead>
          <tr>
            <th scope="col">Item</th>
            <th scope="col" className={styles.num}>
              Seed
            </th>
            <th scope="col" className={styles.num}>
              Ours, App Mesh
            </th>
            <th scope="col" className={styles.num}>
              Ours, Service Connect
            </th>
            <th scope="col">Why they differ</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.item}>
              <th scope="row">
                {row.item}
                {row.seedText && <span className={styles.sub}>Seed: {row.seedText}</span>}
              </th>
              <td className={styles.num}>{row.seed === undefined ? <span className="muted">not listed</span> : formatMoney(row.seed)}</td>
              <td className={styles.num}>{formatMoney(row.ours.appmesh)}</td>
              <td className={styles.num}>{formatMoney(row.ours.connect)}</td>
              <td className={styles.why}>{row.why}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total for {hours} hours</th>
            <td className={styles.num} data-testid="seed-total">
              {formatMoney(seed.statedTotal)}
            </td>
            <td className={styles.num} data-testid="ours-appmesh-total">
              {formatMoney(ours.appmesh.total)}
            </td>
            <td className={styles.num} data-testid="ours-connect-total">
              {formatMoney(ours.connect.total)}
            </td>
            <td className={styles.why}>
              The seed's own arithmetic gives {formatMoney(seed.total)}; it states "~{formatMoney(seed.statedTotal)}". Both variants cost the same: each proxy runs
              inside its task. The App Mesh variant cannot be deployed on AWS since 2026-09-30; its column is what it would have cost.
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
