import type { Metadata } from "next";
import { BreakerParamsSection } from "@/components/resilience/breaker-params-section";
import { CapabilityTable } from "@/components/settings/capability-table";
import { TargetForm } from "@/components/settings/target-form";
import { PageHeader } from "@/components/ui/page-header";
import { Panel, PanelGrid } from "@/components/ui/panel";
import { readSettings } from "@/lib/data/settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const saved = await readSettings();
  return (
    <>
      <PageHeader
        title="Settings"
        purpose="Choose where the lab runs: the emulator on this machine, or a real AWS account."
      />
      <PanelGrid>
        <Panel title="Target" description="Every page, chart and command in the console uses this target.">
          <TargetForm saved={saved} />
        </Panel>
        <Panel title="What changes with the target" description="The console asks the target what it can do instead of assuming.">
          <CapabilityTable />
        </Panel>
        <BreakerParamsSection />
      </PanelGrid>
    </>
  );
}
