"use client";

import { useId, useMemo, useState } from "react";
import { type ChartSeries, type TimePoint, TimeSeriesChart } from "@/components/charts/time-series-chart";
import type { TimeWindowKey } from "@/components/charts/time-window";
import { useNow } from "@/components/charts/use-now";
import { Skeleton } from "@/components/ui/skeleton";
import { consumerOf, type QueueSample, type QueuesSnapshot, type QueueView } from "@/lib/data/messaging";
import type { MessagingTarget } from "./messaging-query";
import styles from "./messaging.module.css";
import { PeekList } from "./peek-list";
import { PurgeButton } from "./purge-dialog";
import { RedriveControl } from "./redrive-control";
import { Verdict } from "./verdict";

const SERIES: ChartSeries[] = [
  { key: "visible", label: "Visible", kind: "area", color: "--series-1", unit: "msg", stack: "depth", curve: "step" },
  { key: "inFlight", label: "In flight", kind: "area", color: "--series-2", unit: "msg", stack: "depth", curve: "step" },
  { key: "dlq", label: "DLQ", kind: "line", color: "--series-danger", unit: "msg", curve: "step" },
  { key: "rate", label: "Published", kind: "line", color: "--series-3", unit: "msg/s", axis: "right", dashed: true },
];

const dlqDepth = (q: QueueSample) => (q.dlq ? q.dlq.visible + q.dlq.inFlight + q.dlq.delayed : 0);

function pointsFor(history: readonly QueuesSnapshot[], name: string): TimePoint[] {
  const points: TimePoint[] = [];
  for (const s of history) {
    const q = s.queues.find((x) => x.name === name);
    if (q) points.push({ t: s.at, visible: q.visible + q.delayed, inFlight: q.inFlight, dlq: dlqDepth(q), rate: q.publishRate });
  }
  return points;
}

function QueueRow({
  queue,
  sample,
  history,
  window,
  now,
  target,
}: {
  queue: QueueView;
  sample?: QueueSample;
  history: readonly QueuesSnapshot[];
  window: TimeWindowKey;
  now: number;
  target: MessagingTarget;
}) {
  const [peeking, setPeeking] = useState<string>();
  const headingId = useId();
  const peekId = useId();
  const points = useMemo(() => pointsFor(history, queue.name), [history, queue.name]);
  const consumer = consumerOf(queue.name);
  const dlq = queue.dlq;
  const inDlq = sample ? dlqDepth(sample) : 0;
  const depth = sample ? sample.visible + sample.inFlight + sample.delayed : 0;
  const togglePeek = (name: string) => setPeeking((p) => (p === name ? undefined : name));

  return (
    <article className={styles.queueRow} aria-labelledby={headingId} data-testid="queue-row" data-queue={queue.name}>
      <header className={styles.queueHead}>
        <h3 id={headingId}>
          <code className={styles.queueTitle}>{queue.name}</code>
        </h3>
        <p className={styles.queueMeta}>
          {consumer ? (
            <>
              consumed by <strong>{consumer.name}</strong> ({consumer.kind})
            </>
          ) : (
            "no lab consumer"
          )}
          {dlq && (
            <>
              {" "}
              · after {dlq.maxReceiveCount ?? "several"} failed receives, to <code>{dlq.name}</code>
            </>
          )}
        </p>
      </header>
      <div className={styles.queueBody}>
        <TimeSeriesChart title={`${queue.name} queue`} series={SERIES} points={points} window={window} now={now} height={150} />
        <div className={styles.queueSide}>
          <div className={styles.sideBlock}>
            <p className={styles.sideTitle}>Queue</p>
            <div className={styles.buttonRow}>
              {target.safePeek && (
                <button type="button" className="button" data-size="small" aria-expanded={peeking === queue.name} aria-controls={peekId} onClick={() => togglePeek(queue.name)}>
                  {peeking === queue.name ? "Hide messages" : "Peek"}
                  <span className="visually-hidden"> into {queue.name}</span>
                </button>
              )}
              <PurgeButton queue={queue.name} messages={depth} target={target} />
            </div>
          </div>
          {dlq && (
            <div className={styles.sideBlock} data-dlq data-has-messages={inDlq > 0 || undefined} data-testid="dlq" data-queue={dlq.name}>
              <p className={styles.sideTitle}>
                Dead-letter queue <code>{dlq.name}</code>
              </p>
              {inDlq > 0 ? (
                <Verdict tone="danger" icon="dead">
                  {inDlq} message{inDlq === 1 ? "" : "s"} failed {dlq.maxReceiveCount ?? ""} times
                </Verdict>
              ) : (
                <Verdict tone="ok" icon="yes">
                  Empty
                </Verdict>
              )}
              <div className={styles.buttonRow}>
                {target.safePeek && dlq.url && (
                  <button type="button" className="button" data-size="small" aria-expanded={peeking === dlq.name} aria-controls={peekId} onClick={() => togglePeek(dlq.name)}>
                    {peeking === dlq.name ? "Hide messages" : "Peek"}
                    <span className="visually-hidden"> into {dlq.name}</span>
                  </button>
                )}
                {inDlq > 0 && <PurgeButton queue={dlq.name} messages={inDlq} target={target} />}
              </div>
              <RedriveControl dlq={dlq.name} source={queue.name} waiting={sample?.dlq?.visible ?? 0} task={sample?.dlq?.moveTask} now={now} />
            </div>
          )}
        </div>
      </div>
      {peeking && <PeekList id={peekId} queue={peeking} pollMs={target.pollMs} />}
    </article>
  );
}

/** Every lab queue: a depth chart, peek and purge, and its dead-letter queue with redrive. */
export function QueueList({
  queues,
  history,
  latest,
  window,
  target,
  error,
}: {
  queues: QueueView[];
  history: readonly QueuesSnapshot[];
  latest?: QueuesSnapshot;
  window: TimeWindowKey;
  target: MessagingTarget;
  error?: string;
}) {
  // The charts slide every second, even where the target is polled less often.
  const now = useNow();
  return (
    <div className={styles.queueList}>
      {error && (
        <p className={styles.banner} data-tone="danger" role="alert">
          The queue depths could not be read: {error}. The charts resume when the next read succeeds.
        </p>
      )}
      {!target.safePeek && (
        <p className={styles.banner} data-tone="info">
          Peek is not offered on {target.label}: reading a message there is a receive, which counts toward the queue's maxReceiveCount and could push it into the DLQ.
        </p>
      )}
      {queues.length === 0 && <p className="muted">None of the lab's queues exist on this target yet.</p>}
      {!latest && !error
        ? queues.map((q) => <Skeleton key={q.name} width="100%" height={190} />)
        : queues.map((q) => <QueueRow key={q.name} queue={q} sample={latest?.queues.find((s) => s.name === q.name)} history={history} window={window} now={now} target={target} />)}
      {latest && (
        <p className="hint">
          {latest.rateSource === "flow-log"
            ? "Published counts every message SNS delivered to the queue, from the emulator's flow log, over the last 5 s."
            : "Published counts only what you publish from this console: AWS offers no per-message delivery feed, and CloudWatch's NumberOfMessagesSent arrives minutes late."}
        </p>
      )}
    </div>
  );
}
