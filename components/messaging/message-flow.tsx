"use client";

import { useQuery } from "@tanstack/react-query";
import { RelativeTime } from "@/components/charts/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { coarseFlow, type FlowBranch, type MessageFlow, type PublishedMessage, type QueuesSnapshot, type QueueView } from "@/lib/data/messaging";
import { DecisionVerdict, DeliveryMode } from "./filter-preview";
import { fetchFlow, MESSAGING_KEYS, type MessagingTarget } from "./messaging-query";
import styles from "./messaging.module.css";
import { Verdict, type VerdictIcon, type VerdictTone } from "./verdict";

/** Stop following a message that no consumer picks up. */
const FOLLOW_FOR_MS = 3 * 60_000;

function outcomeOf(b: FlowBranch): { tone: VerdictTone; icon: VerdictIcon; text: string } {
  const max = b.maxReceiveCount;
  switch (b.outcome) {
    case "dropped":
      return { tone: "neutral", icon: "gone", text: "Not delivered: the filter dropped it" };
    case "not-delivered":
      return { tone: "danger", icon: "no", text: `Not delivered${b.note ? `: ${b.note}` : ""}` };
    case "waiting":
      return { tone: "info", icon: "wait", text: b.receiveCount ? `Back in the queue after ${b.receiveCount} failed receive${b.receiveCount === 1 ? "" : "s"}` : "Waiting in the queue for a consumer" };
    case "delayed":
      return { tone: "info", icon: "wait", text: "Delayed in the queue" };
    case "in-flight":
      return { tone: "warn", icon: "busy", text: `Being processed: receive ${b.receiveCount ?? 1}${max ? ` of ${max}` : ""}` };
    case "deleted":
      return { tone: "ok", icon: "yes", text: "Processed and deleted" };
    case "dead-lettered":
      return { tone: "danger", icon: "dead", text: `Failed ${max ?? "too many"} times: moved to ${b.dlq ?? "the DLQ"}` };
    case "gone":
      return { tone: "neutral", icon: "gone", text: "Left the queue (purged or redriven)" };
    case "expected":
      return {
        tone: "info",
        icon: "wait",
        text: b.depth ? `Sent to the queue: depth ${b.depth.before} → ${b.depth.now}` : "Sent to the queue",
      };
  }
}

function Branch({ branch }: { branch: FlowBranch }) {
  const outcome = outcomeOf(branch);
  const delivered = branch.matched && branch.outcome !== "not-delivered";
  return (
    <li className={styles.branch} data-testid="flow-branch" data-queue={branch.target} data-outcome={branch.outcome}>
      <div className={styles.decisionHead}>
        <DecisionVerdict decision={branch} />
        <code className={styles.queueName}>{branch.target}</code>
        <DeliveryMode raw={branch.rawMessageDelivery} />
      </div>
      <p className={styles.reason}>
        <span className="visually-hidden">Filter: </span>
        {branch.reasons[0]}
      </p>
      {delivered && (
        <p className={styles.pipeline}>
          <span className={styles.stage}>
            <Arrow />
            <span className={styles.stageLabel}>queue</span> <code>{branch.target}</code>
          </span>
          <span className={styles.stage}>
            <Arrow />
            <span className={styles.stageLabel}>consumer</span> {branch.consumer ? `${branch.consumer.name} (${branch.consumer.kind})` : "none in the lab"}
          </span>
        </p>
      )}
      <p className={styles.outcome} data-testid="flow-outcome">
        <Verdict tone={outcome.tone} icon={outcome.icon}>
          {outcome.text}
        </Verdict>
        {branch.at && (
          <span className={styles.stageLabel}>
            <RelativeTime at={branch.at} />
          </span>
        )}
      </p>
    </li>
  );
}

function Arrow() {
  return (
    <svg className={styles.arrow} width="18" height="12" viewBox="0 0 18 12" aria-hidden="true">
      <path d="M1 6h14M11 2l4 4-4 4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function FlowTree({ flow, following }: { flow: MessageFlow; following: "live" | "stopped" | "settled" | "coarse" }) {
  const delivered = flow.branches.filter((b) => b.matched).length;
  return (
    <div className={styles.flow}>
      <div className={styles.flowRoot}>
        <span className={styles.topicNode}>
          <span className={styles.stageLabel}>topic</span> <code className={styles.queueName}>{flow.topic}</code>
        </span>
        <span className="muted">
          message <code title={flow.messageId}>{flow.messageId.slice(0, 8)}…</code>, published <RelativeTime at={flow.publishedAt} />, to {delivered} of {flow.branches.length} subscriptions
        </span>
      </div>
      <ol className={styles.branches} aria-label={`Where message ${flow.messageId.slice(0, 8)} went`}>
        {flow.branches.map((b) => (
          <Branch key={b.subscriptionArn} branch={b} />
        ))}
      </ol>
      <p className={styles.flowStatus} role="status" data-testid="flow-status">
        {following === "settled" && "Settled: every copy was dropped, processed or dead-lettered."}
        {following === "live" && "Following this message: updates every second until every copy is settled."}
        {following === "stopped" && "Stopped following after 3 minutes: some copies are still waiting. The queue charts below keep updating."}
        {following === "coarse" &&
          "Coarser view: this target has no flow log, so the console shows the filter decisions and how each queue's depth changed since you published. It can't tell this message from others, or see consumers."}
      </p>
    </div>
  );
}

/** Follows one message through the emulator's flow log, polling about once a second until it settles. */
function ExactFlow({ published }: { published: PublishedMessage }) {
  const query = useQuery({
    queryKey: MESSAGING_KEYS.flow(published.messageId),
    queryFn: () => fetchFlow(published.messageId, published.topic),
    refetchInterval: (q) => {
      const data = q.state.data;
      if (data && "settled" in data && data.settled) return false;
      return Date.now() - published.publishedAt > FOLLOW_FOR_MS ? false : 1_000;
    },
  });
  const data = query.data;
  if (query.isError && !data) return <p className="error">The flow log could not be read: {query.error.message}</p>;
  if (!data || "pending" in data) {
    // Until the flow log has it, show what the filters decided, with the outcomes still to come.
    return (
      <div className={styles.flow} aria-busy="true">
        <Skeleton width="60%" height={14} />
        {published.decisions.map((d) => (
          <Skeleton key={d.subscriptionArn} width="100%" height={52} />
        ))}
      </div>
    );
  }
  const stopped = Date.now() - published.publishedAt > FOLLOW_FOR_MS;
  return <FlowTree flow={data} following={data.settled ? "settled" : stopped ? "stopped" : "live"} />;
}

export function MessageFlowView({
  published,
  target,
  queues,
  baseline,
  latest,
}: {
  published?: PublishedMessage;
  target: MessagingTarget;
  queues: QueueView[];
  baseline?: QueuesSnapshot;
  latest?: QueuesSnapshot;
}) {
  if (!published) {
    return <p className={styles.placeholder}>Publish an event to follow it from the topic through each subscription to its queue, its consumer, and deletion or the DLQ.</p>;
  }
  if (target.inspectionApi) return <ExactFlow key={published.messageId} published={published} />;
  return <FlowTree flow={coarseFlow(published, baseline, latest, queues)} following="coarse" />;
}
