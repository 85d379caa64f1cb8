import type { Metadata } from "next";
import { InstrumentPlaceholder } from "@/components/instruments/instrument-placeholder";
import { SubscriptionTable } from "@/components/messaging/subscription-table";
import { NotDeployed } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Panel, PanelGrid } from "@/components/ui/panel";

export const metadata: Metadata = { title: "Messaging" };

export default function MessagingPage() {
  return (
    <>
      <PageHeader
        title="Messaging"
        purpose={
          <>
            Publish an <code>order_created</code> event and watch which queues receive it, and why.
          </>
        }
      />
      <NotDeployed what="Once the topics and queues exist, you publish events here and follow each one to its queues." />
      <PanelGrid>
        <InstrumentPlaceholder
          title="Publish an event"
          description="Pick a topic and an event type, and add message attributes."
          kind="form"
        />
        <InstrumentPlaceholder
          title="Filter preview"
          description="Which subscriptions will take the event, with the filter key that decides."
          kind="tree"
        />
        <InstrumentPlaceholder
          title="Queue depth"
          description="Visible and in-flight messages per queue, the dead-letter queues in red, and the publish rate."
          kind="chart"
          span={2}
        />
        <InstrumentPlaceholder
          title="Message flow"
          description="One message from topic to subscription, queue and consumer, to deleted or DLQ."
          kind="tree"
        />
        <InstrumentPlaceholder
          title="Dead-letter queues"
          description="Messages that failed 3 receives; peek at them or redrive them to their queue."
          kind="table"
        />
        <Panel
          title="Subscriptions and filters"
          description="The lab's event contract: raw delivery keeps attributes as SQS message attributes, and analytics gets the SNS envelope."
          span={2}
        >
          <SubscriptionTable />
        </Panel>
      </PanelGrid>
    </>
  );
}
