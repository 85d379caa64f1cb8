import { InstrumentPlaceholder } from "@/components/instruments/instrument-placeholder";
import { StackList } from "@/components/overview/stack-list";
import { NotDeployed } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Panel, PanelGrid } from "@/components/ui/panel";

export default function OverviewPage() {
  return (
    <>
      <PageHeader
        title="Overview"
        purpose="Deploy the lab, watch its stacks come up one by one, and clean up when you finish."
      />
      <NotDeployed
        what={
          <>
            Deploying creates the lab's stacks on the current target. Until this button is switched on,
            run <code>npm run lab -- deploy</code> in a terminal.
          </>
        }
        action={
          <button type="button" className="button" data-variant="primary" disabled>
            <Icon name="rocket" size={16} />
            Deploy the lab
          </button>
        }
      />
      <PanelGrid>
        <Panel title="Stacks" description="Created in this order; cleanup removes them in reverse.">
          <StackList />
        </Panel>
        <InstrumentPlaceholder
          title="Stack events"
          description="Every resource as CloudFormation creates it, with the reason when one fails."
          kind="log"
        />
        <InstrumentPlaceholder
          title="Cost"
          description="What the lab has cost so far on this target, and what it costs per hour while it runs."
          kind="chart"
          span={2}
        />
      </PanelGrid>
    </>
  );
}
