"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useState } from "react";
import { DEFAULT_WINDOW, type TimeWindowKey } from "@/components/charts/time-window";
import { useRollingHistory } from "@/components/charts/use-rolling-history";
import { WindowControl } from "@/components/charts/window-control";
import { NotDeployed } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import type { MessagingTopology, PublishedMessage, QueuesSnapshot } from "@/lib/data/messaging";
import type { PublishDraft } from "@/lib/validations/messaging";
import { FilterPreview } from "./filter-preview";
import { MessageFlowView } from "./message-flow";
import { fetchQueues, fetchTopology, MESSAGING_KEYS, type MessagingTarget } from "./messaging-query";
import styles from "./messaging.module.css";
import { PoisonButton } from "./poison-button";
import { draftFromTemplate, PublishForm } from "./publish-form";
import { QueueList } from "./queue-panel";
import { SubscriptionTable } from "./subscription-table";

const snapshotTime = (s: QueuesSnapshot) => s.at;

/** The deployed tier: publish, preview and flow on top, the queues below. */
function Bench({ topology, target }: { topology: MessagingTopology; target: MessagingTarget }) {
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<PublishDraft>(() => draftFromTemplate("order_created", true));
  const [published, setPublished] = useState<{ message: PublishedMessage; baseline?: QueuesSnapshot }>();
  const [window, setWindow] = useState<TimeWindowKey>(DEFAULT_WINDOW);

  const queues = useQuery({ queryKey: MESSAGING_KEYS.queues, queryFn: fetchQueues, refetchInterval: target.pollMs });
  const history = useRollingHistory(`messaging.queues.${target.label}.${target.region}`, queues.data, snapshotTime);

  const onPublished = useCallback(
    (message: PublishedMessage) => {
      setPublished((p) => (p?.message.messageId === message.messageId ? p : { message, baseline: queryClient.getQueryData<QueuesSnapshot>(MESSAGING_KEYS.queues) }));
      queryClient.invalidateQueries({ queryKey: MESSAGING_KEYS.queues });
    },
    [queryClient],
  );

  return (
    <>
      {topology.missing.length > 0 && (
        <p className={styles.banner} data-tone="warn" role="note">
          Part of the messaging tier is missing on this target: {topology.missing.join(", ")}. Deploy the lab again from Overview to restore it.
        </p>
      )}
      <div className={styles.bench}>
        <Panel title="Publish an event" description="Pick a topic, write the body and add the attributes the filter policies read.">
          <PublishForm topics={topology.topics} draft={draft} onDraftChange={setDraft} onPublished={onPublished} />
        </Panel>
        <div className={styles.stack}>
          <Panel title="Filter preview" description="Which subscriptions take this message, and the filter key that decides. It updates as you type.">
            <FilterPreview subscriptions={topology.subscriptions} draft={draft} />
          </Panel>
          <Panel title="Message flow" description="The message you sent last: topic → subscription → queue → consumer → deleted or DLQ.">
            <MessageFlowView published={published?.message} target={target} queues={topology.queues} baseline={published?.baseline} latest={queues.data} />
          </Panel>
        </div>
      </div>
      <div className={styles.fullRow}>
        <Panel
          title="Queues"
          description={`Visible and in-flight messages, the dead-letter queue in red and the publish rate, every ${target.pollMs / 1000} s.`}
          actions={
            <div className={styles.panelActions}>
              <PoisonButton onPublished={onPublished} />
              <WindowControl value={window} onChange={setWindow} label="Time window for the queue charts" />
            </div>
          }
        >
          <QueueList queues={topology.queues} history={history} latest={queues.data} window={window} target={target} error={queues.isError ? queues.error.message : undefined} />
        </Panel>
      </div>
    </>
  );
}

export function MessagingBench({ initial, target }: { initial: MessagingTopology | { error: string }; target: MessagingTarget }) {
  const topology = useQuery({
    queryKey: MESSAGING_KEYS.topology,
    queryFn: fetchTopology,
    initialData: "error" in initial ? undefined : initial,
    // The lab may be deployed (or cleaned up) while the page is open.
    refetchInterval: Math.max(5_000, target.pollMs * 5),
  });
  const error = topology.isError ? topology.error.message : !topology.data && "error" in initial ? initial.error : undefined;

  let content: React.ReactNode;
  if (topology.data?.deployed) {
    content = <Bench topology={topology.data} target={target} />;
  } else if (error) {
    content = (
      <p className={styles.banner} data-tone="danger" role="alert">
        The console could not read the messaging tier on {target.label} · {target.region}: {error}. Check the target in <Link href="/settings">Settings</Link>; this page
        retries every few seconds.
      </p>
    );
  } else if (topology.data) {
    content = <NotDeployed what="Once the topics and queues exist, you publish events here, see which queues the filters let them into, and watch the queues fill and drain." />;
  } else {
    content = null;
  }

  return (
    <>
      {content}
      <div className={styles.fullRow}>
        <Panel
          title="Subscriptions and filters"
          description="The lab's event contract: raw delivery keeps attributes as SQS message attributes, and analytics gets the SNS envelope."
        >
          <SubscriptionTable live={topology.data?.deployed ? topology.data.subscriptions : undefined} />
        </Panel>
      </div>
    </>
  );
}
