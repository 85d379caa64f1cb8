"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useActionState, useEffect, useRef, useState } from "react";
import { type DeleteAlarmState, deleteAlarm } from "@/app/observability/actions";
import { RelativeTime } from "@/components/charts/relative-time";
import { formatAgo, timeWindow } from "@/components/charts/time-window";
import { Panel } from "@/components/ui/panel";
import type { AlarmView, InboxItem, StripSegment } from "@/lib/data/observability";
import { Glyph } from "./glyphs";
import { useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { EmptyNote, ErrorNote, Loading, RowsSkeleton } from "./panel-states";
import { useAlarms } from "./queries";
import { AlarmBadge, alarmLook } from "./state-badge";

const STATE_WORD = { OK: "OK", ALARM: "ALARM", INSUFFICIENT_DATA: "INSUFFICIENT DATA" } as const;

function stripSummary(segments: readonly StripSegment[], end: number): string {
  if (segments.length === 1) return `${STATE_WORD[segments[0].state]} throughout`;
  return segments.map((s) => `${STATE_WORD[s.state]} from ${formatAgo(end - s.from)} to ${s.to >= end ? "now" : formatAgo(end - s.to)}`).join(", ");
}

/** One alarm's states across the window, on the same axis as the charts. */
function AlarmStrip({ segments, start, end }: { segments: StripSegment[]; start: number; end: number }) {
  const span = Math.max(1, end - start);
  return (
    <div className={styles.strip} role="img" aria-label={`History in this window: ${stripSummary(segments, end)}.`}>
      {segments.map((s) => {
        const left = ((s.from - start) / span) * 100;
        const width = Math.max(0.4, ((s.to - s.from) / span) * 100);
        const look = alarmLook(s.state);
        return (
          <span
            key={`${s.from}-${s.state}`}
            className={styles.stripSegment}
            data-tone={look.tone}
            style={{ left: `${left}%`, width: `${width}%` }}
            title={`${STATE_WORD[s.state]} from ${new Date(s.from).toLocaleTimeString()} to ${new Date(s.to).toLocaleTimeString()}`}
          >
            {width > 14 ? STATE_WORD[s.state] : width > 5 ? STATE_WORD[s.state].slice(0, 1) : ""}
          </span>
        );
      })}
    </div>
  );
}

function StripAxis({ start, end }: { start: number; end: number }) {
  const { window } = useObservability();
  const w = timeWindow(window);
  const ticks: number[] = [];
  for (let t = start; t <= end + 1; t += w.tickMs) ticks.push(t);
  return (
    <div className={styles.stripAxis} aria-hidden="true">
      {ticks.map((t) => (
        <span key={t} style={{ left: `${((t - start) / Math.max(1, end - start)) * 100}%` }}>
          {formatAgo(end - t)}
        </span>
      ))}
    </div>
  );
}

function DeleteAlarm({ name, region }: { name: string; region: string }) {
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState<DeleteAlarmState, FormData>(deleteAlarm, { status: "idle" });
  const queryClient = useQueryClient();
  const deletedAt = state.status === "deleted" ? state.at : undefined;
  useEffect(() => {
    if (deletedAt) queryClient.invalidateQueries({ queryKey: ["observability", "alarms"] });
  }, [deletedAt, queryClient]);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) cancel.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button type="button" className="button" data-variant="ghost" data-size="small" onClick={() => setConfirming(true)} aria-label={`Delete alarm ${name}`}>
        <Glyph name="trash" size={15} /> Delete
      </button>
    );
  }
  return (
    <form action={action} className={styles.confirm}>
      <input type="hidden" name="name" value={name} />
      <span>
        Delete <strong>{name}</strong> in {region}?
      </span>
      <button type="submit" className="button" data-variant="danger" data-size="small" disabled={pending}>
        {pending ? "Deleting…" : "Delete alarm"}
      </button>
      <button ref={cancel} type="button" className="button" data-variant="ghost" data-size="small" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {state.status === "failed" && (
        <span className={styles.fieldError} role="alert">
          {state.message}
        </span>
      )}
    </form>
  );
}

function AlarmRow({ alarm, strip, start, end, region }: { alarm: AlarmView; strip?: StripSegment[]; start: number; end: number; region: string }) {
  return (
    <li className={styles.alarm} data-state={alarm.state} data-testid="alarm-row">
      <div className={styles.alarmTop}>
        <AlarmBadge state={alarm.state} />
        <span className={styles.alarmName}>{alarm.name}</span>
        {alarm.notifies && (
          <span className={styles.chip} title="Its state changes are published to the lab-alarms topic">
            <Glyph name="bell" size={13} /> notifies lab-alarms
          </span>
        )}
        <span className={styles.alarmWhen}>
          {alarm.changedAt ? (
            <>
              changed <RelativeTime at={alarm.changedAt} />
            </>
          ) : (
            "never changed"
          )}
        </span>
        {alarm.deletable ? (
          <DeleteAlarm name={alarm.name} region={region} />
        ) : (
          <span className={styles.templateNote} title="Alarms from the lab's templates are deleted when you clean up the lab.">
            from the template
          </span>
        )}
      </div>
      <p className={styles.alarmCondition}>{alarm.condition}</p>
      {alarm.reason && (
        <p className={styles.alarmReason}>
          <span className={styles.muted}>Reason: </span>
          {alarm.reason}
        </p>
      )}
      {strip && <AlarmStrip segments={strip} start={start} end={end} />}
    </li>
  );
}

/** The lab's alarms: state, reason, last change and the state history as a strip on the window's axis. */
export function AlarmsPanel() {
  const { target, window } = useObservability();
  const alarms = useAlarms();
  const data = alarms.data;
  return (
    <Panel
      title="Alarms"
      span={2}
      description="Each alarm's state and why, when it last changed, and its states across the window. Hover a time for the exact moment."
    >
      {alarms.isError && <ErrorNote what="Could not read the alarms" error={alarms.error.message} retryMs={target.pollMs} />}
      {!data && !alarms.isError && (
        <>
          <Loading what="alarms" />
          <RowsSkeleton rows={2} />
        </>
      )}
      {data && data.alarms.length === 0 && (
        <EmptyNote title="No lab alarms on this target" icon="bell">
          {target.deployed
            ? "The resilience stack's breaker alarms should be here; check the stack on Overview. You can also create one below."
            : "The lab's two breaker alarms arrive with the resilience stack: deploy the lab from Overview. You can also create your own alarm below."}
        </EmptyNote>
      )}
      {data && data.alarms.length > 0 && (
        <div className={styles.alarmList}>
          <ul aria-label={`Alarms, with their history over the last ${timeWindow(window).long}`}>
            {data.alarms.map((a) => (
              <AlarmRow key={a.name} alarm={a} strip={data.strips[a.name]} start={data.start} end={data.end} region={data.region} />
            ))}
          </ul>
          <StripAxis start={data.start} end={data.end} />
        </div>
      )}
    </Panel>
  );
}

function InboxEntry({ item, fresh }: { item: InboxItem; fresh: boolean }) {
  return (
    <li className={styles.inboxItem} data-fresh={fresh || undefined} data-testid="inbox-item">
      <div className={styles.inboxTop}>
        <AlarmBadge state={item.to} />
        <span className={styles.inboxSubject}>{item.subject}</span>
        <RelativeTime at={item.at} />
      </div>
      <p className={styles.inboxReason}>
        {STATE_WORD[item.from]} → {STATE_WORD[item.to]}
        {item.reason ? `: ${item.reason}` : ""}
      </p>
    </li>
  );
}

/**
 * What the lab-alarms topic was sent, as it arrives. Read from alarm history (state changes of
 * alarms that notify lab-alarms), so no queue a learner uses is consumed.
 */
export function AlarmInbox() {
  const { target } = useObservability();
  const alarms = useAlarms();
  const [firstSeen] = useState(() => Date.now());
  const items = alarms.data?.inbox ?? [];
  return (
    <Panel title="Alarm inbox" description="Notifications sent to lab-alarms, newest first: each state change of an alarm that notifies the topic.">
      {alarms.isError && <ErrorNote what="Could not read the alarm history" error={alarms.error.message} retryMs={target.pollMs} />}
      {!alarms.data && !alarms.isError && <RowsSkeleton rows={2} />}
      {alarms.data && items.length === 0 && (
        <EmptyNote title="No notifications in the last hour" icon="bell">
          An alarm that notifies lab-alarms lands here when it changes state. Open a breaker on Resilience, or create an alarm with a low threshold.
        </EmptyNote>
      )}
      {/* Once it has entries the inbox may scroll: the keyboard must be able to reach it to read it. */}
      <ol className={styles.inbox} aria-label="Notifications to lab-alarms" aria-live="polite" aria-relevant="additions" tabIndex={items.length ? 0 : undefined}>
        {items.map((item) => (
          <InboxEntry key={item.id} item={item} fresh={item.at >= firstSeen} />
        ))}
      </ol>
    </Panel>
  );
}
