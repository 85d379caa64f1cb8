import type { Metadata } from "next";
import { InstrumentPlaceholder } from "@/components/instruments/instrument-placeholder";
import { NotDeployed } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { PanelGrid } from "@/components/ui/panel";
import { SERVICES } from "@/lib/lab/contract";

export const metadata: Metadata = { title: "Resilience" };

const BREAKERS = [SERVICES.user, SERVICES.inventory];

export default function ResiliencePage() {
  return (
    <>
      <PageHeader
        title="Resilience"
        purpose="Break a service on purpose and watch the circuit breaker open, fall back, and heal."
      />
      <NotDeployed what="Once the services run, you inject faults here and watch each breaker react on one timeline." />
      <PanelGrid>
        {BREAKERS.map((service) => (
          <InstrumentPlaceholder
            key={service}
            title={`Breaker: ${service}`}
            description="State, rolling error %, requests per second, p50/p90/p99 latency and time until HALF_OPEN."
            kind="breaker"
          />
        ))}
        <InstrumentPlaceholder
          title="Timeline"
          description="Fault injections as bands, breaker transitions as markers, alarm states as a strip, the error rate as a line."
          kind="timeline"
          span={2}
        />
        <InstrumentPlaceholder
          title="Faults"
          description="Fail a service, slow it down or make it error a share of requests, with automatic revert."
          kind="form"
        />
        <InstrumentPlaceholder
          title="Load generator"
          description="Send a steady stream of orders through the ALB so the breakers have traffic to judge."
          kind="form"
        />
      </PanelGrid>
    </>
  );
}
