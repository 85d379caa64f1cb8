"use client";

import dynamic from "next/dynamic";
import { useId, useMemo, useRef, useState } from "react";
import chartStyles from "@/components/charts/charts.module.css";
import { RelativeTime } from "@/components/charts/relative-time";
import { DEFAULT_WINDOW, type TimeWindowKey, timeWindow } from "@/components/charts/time-window";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { WindowControl } from "@/components/charts/window-control";
import { Icon, type IconName } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { alarmSegments, type BandView, bandsInWindow, type ResilienceSnapshot, type TransitionMark } from "@/lib/data/resilience";
import { STATE_META } from "./breaker-state";
import styles from "./resilience.module.css";

// Recharts loads after the page is interactive, into a box of the same height (see TimeSeriesChart).
const TimelinePlot = dynamic(() => import("./breaker-timeline-plot").then((m) => m.TimelinePlot), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });

export const SERIES = [
  { key: "e0", color: "--series-1", dash: undefined },
  { key: "e1", color: "--series-3", dash: "6 3" },
] as const;
const COLORS = ["--text-muted", "--border", "--warn", "--danger", "--ok", ...SERIES.map((s) => s.color)];
export const STATE_COLOR = { CLOSED: "--ok", HALF_OPEN: "--warn", OPEN: "--danger" } as const;
/** Short marker words, so close markers stay readable; the events list below has the full words. */
export const MARKER_WORD = { CLOSED: "CLOSED", HALF_OPEN: "HALF", OPEN: "OPEN" } as const;
/** The left axis and the right margin: the alarm strips line up with the plot area. */
export const AXIS_W = 40;
export const RIGHT = 12;


interface TimelineEvent {
  at: number;
  icon: IconName;
  tone: "ok" | "warn" | "danger" | "fault";
  text: string;
}

function eventsOf(snapshot: ResilienceSnapshot, bands: BandView[], transitions: TransitionMark[], from: number): TimelineEvent[] {
  const out: TimelineEvent[] = [];
  for (const t of transitions) {
    const meta = STATE_META[t.to];
    out.push({ at: t.at, icon: meta.icon, tone: meta.tone, text: `${t.service} breaker ${t.from} → ${t.to}${t.reason ? ` (${t.reason})` : ""}` });
  }
  for (const b of bands) {
    if (b.from >= from) out.push({ at: b.from, icon: "alert", tone: "fault", text: b.mode === "crash" ? `${b.service} crash requested` : `fault ${b.label} injected into ${b.service}${b.source === "experiment" ? " (experiment)" : b.source === "observed" ? " (seen in lab-faults)" : ""}` });
    if (!b.open && b.mode !== "crash" && b.end >= from) out.push({ at: b.end, icon: "undo", tone: "ok", text: `${b.service} ${b.endedAt !== undefined ? "recovered" : `fault expired`} (${b.label})` });
  }
  for (const a of snapshot.alarms) {
    for (const c of a.changes) if (c.at >= from) out.push({ at: c.at, icon: c.to === "ALARM" ? "alert" : "check", tone: c.to === "ALARM" ? "danger" : c.to === "OK" ? "ok" : "warn", text: `alarm ${a.name} ${c.from ?? "?"} → ${c.to}` });
  }
  return out.sort((a, b) => b.at - a.at);
}

/**
 * The picture that explains the circuit breaker (UI.md): one time axis with fault injections as
 * shaded bands, breaker transitions as markers, each breaker-open alarm as a strip, and the error
 * rate of each circuit's service as a line.
 */
export function BreakerTimeline({ snapshot, now }: { snapshot: ResilienceSnapshot; now: number }) {
  const [windowKey, setWindowKey] = useState<TimeWindowKey>(DEFAULT_WINDOW);
  const eventsId = useId();
  // On the figure: the chart palette (--series-1, …) is defined by charts.module.css's .chart.
  const ref = useRef<HTMLElement>(null);
  const colors = useChartColors(ref, COLORS);
  const w = timeWindow(windowKey);
  const from = now - w.ms;
  const circuits = snapshot.circuits;

  const data = useMemo(() => {
    const byT = new Map<number, Record<string, number | null>>();
    circuits.forEach((c, i) => {
      for (const p of c.traffic) {
        const row = byT.get(p.t) ?? { t: p.t };
        row[`e${i}`] = p.errorPercent;
        byT.set(p.t, row);
      }
    });
    return [...byT.values()].sort((a, b) => (a.t as number) - (b.t as number)).filter((r) => (r.t as number) >= from - 10_000);
  }, [circuits, from]);
  const bands = bandsInWindow(snapshot.bands, from, now);
  const transitions = snapshot.transitions.filter((t) => t.at >= from && t.at <= now + 1_000);
  const events = eventsOf(snapshot, bands, snapshot.transitions, from);

  const latestErr = circuits.map((c) => c.traffic.filter((p) => p.t + 5_000 <= now).at(-1)?.errorPercent ?? null);
  const caption = `Timeline of the last ${w.long}: ${bands.length} fault band${bands.length === 1 ? "" : "s"}, ${transitions.length} breaker transition${transitions.length === 1 ? "" : "s"}. Latest error rate: ${circuits
    .map((c, i) => `${c.service} ${latestErr[i] === null ? "no requests" : `${latestErr[i]}%`}`)
    .join(", ")}.`;

  return (
    <div className={styles.bench} data-testid="breaker-timeline">
      <div className={styles.timelineHead}>
        <ul className={styles.timelineLegend} aria-hidden="true">
          {circuits.map((c, i) => (
            <li key={c.service}>
              <svg width="18" height="10" aria-hidden="true">
                <line x1="0" x2="18" y1="5" y2="5" stroke={colors?.[SERIES[i].color]} strokeWidth="2.5" strokeDasharray={SERIES[i].dash} />
              </svg>
              {c.service} error %
            </li>
          ))}
          <li>
            <span className={styles.bandSwatch} />
            fault injected
          </li>
          <li>
            <Icon name="stop" size={13} style={{ color: colors?.["--danger"] }} /> OPEN
          </li>
          <li>
            <Icon name="clock" size={13} style={{ color: colors?.["--warn"] }} /> HALF_OPEN
          </li>
          <li>
            <Icon name="check" size={13} style={{ color: colors?.["--ok"] }} /> CLOSED
          </li>
        </ul>
        <WindowControl value={windowKey} onChange={setWindowKey} label="Timeline window" />
      </div>

      <figure className={chartStyles.chart} style={{ margin: 0 }} ref={ref}>
        <div className={styles.timelinePlot} style={{ height: 240 }} aria-hidden="true">
          {colors ? (
            <TimelinePlot data={data} from={from} now={now} windowMs={w.ms} tickMs={w.tickMs} bands={bands} transitions={transitions} circuits={circuits.map((c) => c.service)} colors={colors} />
          ) : (
            <Skeleton width="100%" height={240} />
          )}
        </div>
        <div className={styles.strips} aria-hidden="true">
          {snapshot.alarms.map((a) => (
            <div key={a.name} className={styles.strip}>
              <span className={styles.stripLabel}>{a.name}</span>
              <div className={styles.stripTrack}>
                {alarmSegments(a.changes, a.current, from, now).map((s) => {
                  const left = ((s.from - from) / w.ms) * 100;
                  const width = ((s.to - s.from) / w.ms) * 100;
                  return (
                    <span key={s.from} className={styles.segment} data-state={s.state} style={{ left: `${left}%`, width: `${width}%` }} title={`${s.state} from ${new Date(s.from).toLocaleTimeString()} to ${new Date(s.to).toLocaleTimeString()}`}>
                      {width > 6 ? (s.state === "INSUFFICIENT_DATA" ? "NO DATA" : s.state) : ""}
                    </span>
                  );
                })}
              </div>
            </div>
          ))}
        </div>
        <figcaption className="visually-hidden">{caption}</figcaption>
      </figure>

      <div>
        <h3 className={styles.sectionTitle} id={eventsId}>
          Events
        </h3>
        {events.length ? (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
          <ul className={styles.events} aria-labelledby={eventsId} data-testid="timeline-events" tabIndex={0}>
            {events.slice(0, 40).map((e) => (
              <li key={`${e.at}-${e.text}`} className={styles.event}>
                <span className={styles.eventTime}>
                  <RelativeTime at={e.at} now={now} />
                </span>
                <span className={styles.eventIcon} data-tone={e.tone}>
                  <Icon name={e.icon} size={15} />
                </span>
                <span>{e.text}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" style={{ fontSize: "0.88rem" }}>
            Nothing has happened in the last {w.long}. Inject a fault below and start some load.
          </p>
        )}
      </div>
    </div>
  );
}

