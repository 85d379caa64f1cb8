import type { Metadata } from "next";
import { InstrumentPlaceholder } from "@/components/instruments/instrument-placeholder";
import { NotDeployed } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PanelGrid } from "@/components/ui/panel";

export const metadata: Metadata = { title: "Observability" };

export default function ObservabilityPage() {
  return (
    <>
      <PageHeader
        title="Observability"
        purpose="Read the lab's metrics, alarms, logs and traces side by side, and see where a request spent its time."
      />
      <NotDeployed what="Once the lab runs, its services report metrics, logs and traces that you read here." />
      <PanelGrid>
        <InstrumentPlaceholder
          title="Metrics"
          description="Requests, errors and latency per service from the CrossServiceLab namespace."
          kind="chart"
          span={2}
        />
        <InstrumentPlaceholder
          title="Service map"
          description="Edges sized by requests per second and coloured by error %; pick one for its latency and traces."
          kind="map"
        />
        <InstrumentPlaceholder title="Alarms" description="Each alarm's state and when it last changed." kind="table" />
        <InstrumentPlaceholder title="Logs" description="Live tail of the services' log groups, filterable." kind="log" />
        <InstrumentPlaceholder title="Traces" description="Recent traces with their duration and the hop that failed." kind="table" />
      </PanelGrid>
    </>
  );
}
