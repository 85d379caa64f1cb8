"use client";

import Link from "next/link";
import { formatDuration, formatMoney, formatRate } from "@/lib/cost/format";
import styles from "./cost.module.css";
import { useCost } from "./cost-query";

/**
 * The top bar's meter: "$0.37 so far · $0.45/h". On a target that is not billed (the local
 * emulator) nothing is charged, so it reads "$0.00 so far · $0.14/h on AWS": what the same
 * lab would cost there. It links to the Overview's Cost panel.
 */
export function CostMeter({ className, valueClassName }: { className?: string; valueClassName?: string }) {
  const { data, error } = useCost();
  let soFar = "—";
  let rate = "—/h";
  let onAws = false;
  let title = "Reading what the lab costs…";
  if (error) title = `The cost is unknown: ${error.message}`;
  else if (data?.state === "unknown") title = `The cost is unknown: ${data.reason ?? "the target does not answer"}`;
  else if (data?.state === "not-deployed") {
    soFar = formatMoney(0);
    rate = formatRate(0);
    title = "Nothing is deployed on this target, so nothing accrues.";
  } else if (data) {
    const since = data.deployedAt ? ` over ${formatDuration(Date.parse(data.now) - Date.parse(data.deployedAt))}` : "";
    if (data.billed) {
      soFar = formatMoney(data.charged);
      rate = formatRate(data.hourly);
      title = `${soFar} so far${since} and ${rate} now, at AWS list prices in ${data.priceRegion} (${data.pricesReadOn}). Clean up when you finish.`;
    } else {
      soFar = formatMoney(0);
      rate = formatRate(data.hourly);
      onAws = true;
      title = `Local emulator: nothing is charged. On AWS (${data.priceRegion}) this lab would cost ${rate}: ${formatMoney(data.accrued)} so far${since}.`;
    }
  }
  return (
    <Link
      href="/#cost"
      className={[className, styles.meter].filter(Boolean).join(" ")}
      data-testid="cost-meter"
      data-billed={data ? String(data.billed) : undefined}
      data-state={data?.state ?? (error ? "unknown" : "loading")}
      title={title}
    >
      {/* One child, so the pill's flex gap does not space out the words. */}
      <span>
        <span className={valueClassName}>{soFar}</span> so far · <span className={valueClassName}>{rate}</span>
        {onAws && <span className={styles.meterSuffix}> on AWS</span>}
      </span>
    </Link>
  );
}
