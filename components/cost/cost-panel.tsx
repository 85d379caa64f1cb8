"use client";

import { Icon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { formatCount, formatDuration, formatMoney, formatRate, formatUnitPrice } from "@/lib/cost/format";
import { type CostLine, LINE_GROUPS, projectedHourlyText } from "@/lib/cost/model";
import type { CostReport } from "@/lib/cost/report";
import { CostChart } from "./cost-chart";
import styles from "./cost.module.css";
import { useCost } from "./cost-query";
import { SeedComparisonTable } from "./seed-comparison";

/**
 * The Overview's Cost panel: what the deployed lab costs per hour and has cost so far, line by
 * line at AWS list prices, a chart of the total since deploy, a reminder to clean up, and the
 * seed's estimate beside ours. On the local emulator every figure is what the same lab would
 * cost on AWS; nothing is charged.
 */
export function CostPanel() {
  const { data, error } = useCost();
  return (
    <Panel
      title="Cost"
      description="What the lab costs at AWS list prices: per hour while it runs, and so far since you deployed it."
      span={2}
    >
      <span id="cost" className={styles.anchor} />
      {error && !data ? (
        <p className={styles.problem} role="alert">
          <Icon name="alert" size={16} /> The console could not read the cost: {error.message}
        </p>
      ) : !data ? (
        <div className={styles.skeletons} role="status" aria-busy="true" aria-label="Loading the cost">
          <Skeleton width="50%" height={28} />
          <Skeleton width="100%" height={120} />
          <Skeleton width="100%" height={200} />
        </div>
      ) : (
        <CostBody report={data} />
      )}
    </Panel>
  );
}

function CostBody({ report }: { report: CostReport }) {
  const deployed = report.state === "deployed";
  const comparison = report.seedComparison;
  return (
    <div className={styles.body}>
      {report.state === "unknown" && (
        <p className={styles.problem} role="alert">
          <Icon name="alert" size={16} /> The lab's resources cannot be read, so its cost is unknown: {report.reason}.
        </p>
      )}
      {report.state === "not-deployed" && (
        <p className={styles.lead} data-testid="cost-not-deployed">
          Nothing is deployed, so nothing accrues. {projectedHourlyText("connect", report.region, report.billed)}
        </p>
      )}
      {deployed && <Summary report={report} />}
      {deployed && <CleanupReminder report={report} />}
      {deployed && (
        <div className={styles.split}>
          <section aria-labelledby="cost-chart-title" className={styles.chartBlock}>
            <h3 id="cost-chart-title">{report.billed ? "Cost since deploy" : "What it would have cost on AWS since deploy"}</h3>
            <CostChart series={report.series} hourly={report.hourly} label={report.billed ? "Cost since deploy" : "Cost on AWS since deploy"} />
          </section>
          <Largest lines={report.perResource} />
        </div>
      )}
      {deployed && <ResourceTable report={report} />}
      <details className={styles.disclosure} open={!deployed} data-testid="seed-disclosure">
        <summary>
          <h3>The seed's estimate and ours</h3>
          <span className={styles.summaryFigures}>
            {comparison.hours} h: seed {formatMoney(comparison.seed.statedTotal)} · ours {formatMoney(comparison.ours.appmesh.total)} (App Mesh),{" "}
            {formatMoney(comparison.ours.connect.total)} (Service Connect)
          </span>
        </summary>
        <SeedComparisonTable comparison={comparison} />
      </details>
      <p className={styles.footnote}>
        Unit prices: {report.pricesReadOn}; each one links to its AWS pricing page. Free tiers are not applied.
        {deployed &&
          (report.usage.measured
            ? ` Request-based costs use CloudWatch's counts since deploy${report.billed ? ", read every 5 minutes because GetMetricData is billed" : ""}.`
            : " Request counts are not available yet; request-based costs are left out.")}
      </p>
      {report.warnings.length > 0 && (
        <details className={styles.warnings}>
          <summary>
            {report.warnings.length} part{report.warnings.length === 1 ? "" : "s"} could not be read; their lines may be missing or estimated
          </summary>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function Summary({ report }: { report: CostReport }) {
  const since = report.deployedAt ? formatDuration(Date.parse(report.now) - Date.parse(report.deployedAt)) : undefined;
  return (
    <div className={styles.summary}>
      {!report.billed && (
        <p className={styles.hypothetical} data-testid="cost-hypothetical">
          <Icon name="laptop" size={16} />
          <span>
            <strong>What this would cost on AWS</strong> ({report.priceRegion}) · <strong>$0.00 actually charged</strong> (local emulator)
          </span>
        </p>
      )}
      <dl className={styles.stats}>
        <div>
          <dt>{report.billed ? "So far" : "So far, on AWS"}</dt>
          <dd data-testid="cost-accrued">{formatMoney(report.accrued)}</dd>
        </div>
        <div>
          <dt>{report.billed ? "Per hour" : "Per hour, on AWS"}</dt>
          <dd data-testid="cost-hourly">{formatRate(report.hourly)}</dd>
        </div>
        {since && (
          <div>
            <dt>Deployed for</dt>
            <dd>{since}</dd>
          </div>
        )}
        <div>
          <dt>Actually charged</dt>
          <dd data-testid="cost-charged">{formatMoney(report.charged)}</dd>
        </div>
      </dl>
    </div>
  );
}

/**
 * Cleanup lives in the Overview's "Deploy and clean up" section, with its confirmation; this
 * takes the learner to its button rather than deleting anything from here.
 */
function goToCleanup() {
  const section = document.getElementById("lab-control") ?? document.querySelector<HTMLElement>('section[aria-label="Deploy and clean up"]');
  if (!section) return;
  const reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  section.scrollIntoView({ behavior: reduced ? "auto" : "smooth", block: "start" });
  const button = [...section.querySelectorAll("button")].find((b) => b.textContent?.trim() === "Clean up");
  (button ?? section).focus({ preventScroll: true });
}

function CleanupReminder({ report }: { report: CostReport }) {
  return (
    <div className={styles.reminder} role="note" data-testid="cleanup-reminder">
      <Icon name="alert" size={18} />
      <p>
        {report.billed ? (
          <>
            The lab keeps costing <strong>{formatRate(report.hourly)}</strong> until you clean it up: about {formatMoney(report.hourly * 24)} a day.
          </>
        ) : (
          <>
            On AWS this lab would keep costing <strong>{formatRate(report.hourly)}</strong> until cleaned up. Here it only uses this machine; clean up when you finish
            all the same.
          </>
        )}
      </p>
      <button type="button" className="button" data-size="small" onClick={goToCleanup} data-testid="go-to-cleanup">
        Go to Clean up
        <Icon name="arrowRight" size={14} />
      </button>
    </div>
  );
}

/** The four lines that cost the most per hour, as bars: where the money goes at a glance. */
function Largest({ lines }: { lines: CostLine[] }) {
  const top = [...lines].sort((a, b) => b.hourly - a.hourly).slice(0, 4);
  const max = top[0]?.hourly || 1;
  const total = lines.reduce((a, l) => a + l.hourly, 0);
  return (
    <section aria-labelledby="cost-largest-title" className={styles.chartBlock}>
      <h3 id="cost-largest-title">Where the hourly cost goes</h3>
      <ul className={styles.bars}>
        {top.map((l) => (
          <li key={`${l.id}-${l.label}`}>
            <span className={styles.barLabel}>{l.label}</span>
            <span className={styles.barTrack} aria-hidden="true">
              <span className={styles.barFill} style={{ width: `${(l.hourly / max) * 100}%` }} />
            </span>
            <span className={styles.barValue}>
              {formatRate(l.hourly)}
              <span className={styles.share}> · {total ? Math.round((l.hourly / total) * 100) : 0}%</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Whole numbers for things that happen one at a time (requests, calls, units); decimals for capacity and GB. */
const COUNTED = /^(invocations|requests|publishes|calls|traces|read units|write units|metrics requested)\b/;

function quantity(l: CostLine): string {
  const n = l.quantity;
  let shown: string;
  if (COUNTED.test(l.quantityUnit)) shown = formatCount(Math.round(n));
  else if (n === 0) shown = "0";
  else if (n >= 100) shown = formatCount(Math.round(n));
  else if (n >= 1) shown = formatCount(Number(n.toFixed(2)));
  else shown = Number(n.toPrecision(2)).toString();
  return `${shown} ${shown === "1" ? singular(l.quantityUnit) : l.quantityUnit}`;
}

/** "load balancers" → "load balancer", "invocations so far" → "invocation so far", "proxies" → "proxy". */
function singular(unit: string): string {
  const [, head, tail] = /^(.*?)((?: so far| \(estimated\))?)$/.exec(unit) ?? [unit, unit, ""];
  const one = head.replace(/ies$/, "y").replace(/(ss|x)es$/, "$1").replace(/([a-rt-z])s$/, "$1");
  return `${one}${tail}`;
}

function ResourceTable({ report }: { report: CostReport }) {
  const lines = report.perResource;
  const groups = LINE_GROUPS.filter((g) => lines.some((l) => l.group === g));
  return (
    <details className={styles.disclosure} open data-testid="lines-disclosure">
      <summary>
        <h3>Per resource</h3>
        <span className={styles.summaryFigures}>
          {lines.length} line items · {formatRate(report.hourly)} · {formatMoney(report.accrued)} so far
        </span>
      </summary>
      <div className="table-scroll">
        <table className={`data-table ${styles.table}`} data-testid="cost-lines">
          <caption className="visually-hidden">
            What each deployed resource costs: quantity, unit price, dollars per hour and so far{report.billed ? "" : ", on AWS"}
          </caption>
          <thead>
            <tr>
              <th scope="col">Resource</th>
              <th scope="col" className={styles.num}>
                Quantity
              </th>
              <th scope="col">Unit price</th>
              <th scope="col" className={styles.num}>
                $/h
              </th>
              <th scope="col" className={styles.num}>
                So far
              </th>
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr className={styles.groupRow}>
                <th scope="rowgroup" colSpan={5}>
                  {group}
                </th>
              </tr>
              {lines
                .filter((l) => l.group === group)
                .map((l) => (
                  <tr key={`${l.id}-${l.label}`} data-line={l.id}>
                    <th scope="row">
                      {l.label}
                      {l.resources.length > 0 && <span className={styles.sub}>{resourceList(l.resources)}</span>}
                      {l.note && <span className={styles.sub}>{l.note}</span>}
                    </th>
                    <td className={styles.num}>{quantity(l)}</td>
                    <td>
                      <a href={l.price.source} className={styles.price} target="_blank" rel="noreferrer" title={`Source: ${l.price.source}`}>
                        {formatUnitPrice(l.price.value, l.price.unit, l.price.per)}
                      </a>
                    </td>
                    <td className={styles.num}>{l.basis === "usage" ? <span className="muted">per use</span> : formatRate(l.hourly)}</td>
                    <td className={styles.num}>{formatMoney(l.accrued)}</td>
                  </tr>
                ))}
            </tbody>
          ))}
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total{report.billed ? "" : ", on AWS"}
              </th>
              <td className={styles.num}>{formatRate(report.hourly)}</td>
              <td className={styles.num}>{formatMoney(report.accrued)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </details>
  );
}

function resourceList(names: string[]): string {
  return names.length > 3 ? `${names.slice(0, 2).join(", ")} and ${names.length - 2} more` : names.join(", ");
}
