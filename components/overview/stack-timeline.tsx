"use client";

import { useEffect, useRef } from "react";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { buildTimeline, failuresFirst, formatDuration, statusTone } from "@/lib/data/stack-timeline";
import type { LabStackEvent } from "@/lib/lab/stack-events";
import styles from "./overview.module.css";
import { StatusBadge } from "./status-badge";

/**
 * Every resource as CloudFormation works on it, grouped per stack: its latest status, how
 * long it took, and for a failure the ResourceStatusReason in full. The stack's own
 * milestones (rollback included) sit at the top of each group.
 */
export function StackTimeline({ events, order, direction, follow }: { events: LabStackEvent[]; order: string[]; direction: "deploy" | "delete"; follow: boolean }) {
  const now = useNow(2_000);
  const groups = buildTimeline(events, order);
  const scroller = useRef<HTMLElement>(null);
  const pinned = useRef(true);
  // While a job runs, keep the newest events in view unless the learner scrolled up to read.
  const count = events.length;
  useEffect(() => {
    const el = scroller.current;
    if (follow && el && pinned.current && count) el.scrollTop = el.scrollHeight;
  }, [follow, count]);
  return (
    <section
      ref={scroller}
      className={styles.timeline}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be read.
      tabIndex={0}
      aria-label="Stack events, grouped by stack"
      onScroll={(e) => {
        const el = e.currentTarget;
        pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      {groups.map((group) => {
        const last = group.milestones.at(-1);
        return (
          <section key={group.stack} className={styles.timelineGroup} aria-label={`Events of ${group.stack}`}>
            <header className={styles.timelineHeader}>
              <h3>
                <code>{group.stack}</code>
              </h3>
              {last && <StatusBadge status={last.status} direction={direction} />}
            </header>
            {group.milestones
              .filter((m) => m.reason && statusTone(m.status, direction) !== "progress" && m.reason !== "User Initiated")
              .map((m) => (
                <p key={`${m.status}-${m.timestamp}`} className={styles.milestone} data-tone={statusTone(m.status, direction)}>
                  <strong>{m.status}</strong> {m.reason}
                </p>
              ))}
            <ol className={styles.resources}>
              {(direction === "deploy" ? failuresFirst(group.resources) : group.resources).map((r) => (
                <li key={r.logicalId} className={styles.resource} data-tone={statusTone(r.status, direction)}>
                  <span className={styles.resourceName}>
                    <span className={styles.logicalId}>{r.logicalId}</span>
                    <span className={styles.resourceType}>{r.type}</span>
                  </span>
                  <span className={styles.resourceStatus}>
                    <StatusBadge status={r.status} direction={direction} />
                    {r.history.length > 2 && <span className={styles.history}>{r.history.join(" → ")}</span>}
                  </span>
                  <span className={styles.resourceTime}>
                    {statusTone(r.status, direction) === "progress" ? (
                      <span>{now === undefined ? "" : formatDuration(now - Date.parse(r.firstAt))}…</span>
                    ) : (
                      <span>{formatDuration(Date.parse(r.lastAt) - Date.parse(r.firstAt))}</span>
                    )}
                    <RelativeTime iso={r.lastAt} now={now} />
                  </span>
                  {r.failure &&
                    (r.failure.cancelled ? (
                      <p className={styles.cancelled} data-testid="resource-cancelled">
                        {r.failure.status}: {r.failure.reason}, because another resource failed.
                      </p>
                    ) : (
                      <div className={styles.failureReason} data-testid="resource-failure">
                        <span className={styles.failureLabel}>{r.failure.status}: ResourceStatusReason</span>
                        <p>{r.failure.reason}</p>
                      </div>
                    ))}
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </section>
  );
}
