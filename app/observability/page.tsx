import type { Metadata } from "next";
import { connection } from "next/server";
import { ObservabilityBench } from "@/components/observability/observability-bench";
import type { ObservabilityTarget } from "@/components/observability/observability-context";
import { PageHeader } from "@/components/ui/page-header";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { labStatus } from "@/lib/lab/status";

export const metadata: Metadata = { title: "Observability" };

export default async function ObservabilityPage() {
  await connection();
  const target = await currentTarget();
  const caps = capabilities(target);
  const status = await labStatus({ target });
  const view: ObservabilityTarget = {
    label: caps.label,
    region: target.region,
    pollMs: caps.pollMs,
    inspectionApi: caps.inspectionApi,
    // An unreadable status is not "not deployed": the panels say what failed themselves.
    deployed: status.state !== "not-deployed",
  };
  return (
    <>
      <PageHeader
        title="Observability"
        purpose="Read the lab's metrics, alarms, logs and traces side by side, and see where a request spent its time."
      />
      <ObservabilityBench target={view} />
    </>
  );
}
