import type { Metadata } from "next";
import { EcsPanel } from "@/components/lab-tools/ecs-panel";
import { ResetPanel } from "@/components/lab-tools/reset-panel";
import { TerminalPanel } from "@/components/lab-tools/terminal-panel";
import { TryItPanel } from "@/components/lab-tools/try-it-panel";
import { ResilienceBench } from "@/components/resilience/resilience-bench";
import { PageHeader } from "@/components/ui/page-header";
import { PanelGrid } from "@/components/ui/panel";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities, publicTarget } from "@/lib/aws/target";
import { experiments } from "@/lib/data/resilience-sdk";

export const metadata: Metadata = { title: "Resilience" };

export default async function ResiliencePage() {
  // An experiment whose time ran out while the console was stopped is reverted now at the latest.
  experiments();
  const target = await currentTarget();
  const t = publicTarget(target);
  return (
    <>
      <PageHeader
        title="Resilience"
        purpose="Break a service on purpose and watch the circuit breaker open, fall back, and heal. Start some load, inject a fault, and follow it on the timeline."
      />
      <ResilienceBench />
      <h2 className="visually-hidden">Lab tools</h2>
      <div style={{ marginTop: "var(--space-4)" }}>
        <PanelGrid>
          <TryItPanel />
          <ResetPanel confirmation={capabilities(target).confirmation} where={[t.label, t.accountId, t.region].filter(Boolean).join(" · ")} />
          <EcsPanel />
          <TerminalPanel />
        </PanelGrid>
      </div>
    </>
  );
}
