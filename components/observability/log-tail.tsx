"use client";

import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { formatAgo } from "@/components/charts/time-window";
import { useNow } from "@/components/charts/use-now";
import { Panel } from "@/components/ui/panel";
import { LOG_GROUPS, type LogLine, mergeLogLines } from "@/lib/data/observability";
import type { LogsSnapshot } from "@/lib/data/observability-sdk";
import { Glyph } from "./glyphs";
import { fetchJson, noDataHint, useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { EmptyNote, ErrorNote, RowsSkeleton } from "./panel-states";

const LOOKBACK_MS = 5 * 60_000;

interface TailState {
  lines: LogLine[];
  loaded: boolean;
  missing?: boolean;
  patternError?: string;
  error?: string;
  truncated?: boolean;
}

/**
 * Polls FilterLogEvents from the last timestamp seen (inclusive; lines already shown are
 * dropped by id). Paused, it stops asking; resumed, it catches up from where it stopped.
 */
function useLogTail(group: string, pattern: string, paused: boolean, pollMs: number): TailState {
  const [state, setState] = useState<TailState>({ lines: [], loaded: false });
  const cursor = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (paused) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const controller = new AbortController();
    const tick = async () => {
      if (document.visibilityState === "visible") {
        const since = cursor.current ?? Date.now() - LOOKBACK_MS;
        const url = `/api/observability/logs?group=${encodeURIComponent(group)}&pattern=${encodeURIComponent(pattern)}&since=${since}`;
        try {
          const snap = await fetchJson<LogsSnapshot>(url, controller.signal);
          if (stopped) return;
          if (snap.until) cursor.current = snap.until;
          setState((prev) => ({
            lines: mergeLogLines(prev.lines, snap.lines),
            loaded: true,
            missing: snap.missing,
            patternError: snap.patternError,
            truncated: snap.truncated,
          }));
        } catch (error) {
          if (stopped) return;
          setState((prev) => ({ ...prev, loaded: true, error: (error as Error).message }));
        }
      }
      if (!stopped) timer = setTimeout(tick, pollMs);
    };
    void tick();
    return () => {
      stopped = true;
      controller.abort();
      clearTimeout(timer);
    };
  }, [group, pattern, paused, pollMs]);
  return state;
}

const LEVEL_TONE: Record<string, string> = { error: "danger", fatal: "danger", warn: "warn", warning: "warn", info: "info", debug: "neutral", trace: "neutral" };

const clock = (d: Date) => `${d.toLocaleTimeString([], { hour12: false })}.${String(d.getMilliseconds()).padStart(3, "0")}`;

/**
 * One event. Logs show the clock time to the millisecond, since their order within a second
 * matters; the relative time is on hover, the other way round from the rest of the console.
 */
function LogRow({ line, now }: { line: LogLine; now: number }) {
  const exact = new Date(line.at);
  return (
    <li className={styles.logLine} title={line.raw}>
      <time dateTime={exact.toISOString()} title={`${formatAgo(now - line.at)} · ${exact.toLocaleString()}`} className={styles.logTime}>
        {clock(exact)}
      </time>
      {line.level ? (
        <span className={styles.logLevel} data-tone={LEVEL_TONE[line.level] ?? "neutral"}>
          {line.level.toUpperCase()}
        </span>
      ) : (
        <span className={styles.logLevel} data-tone="none" />
      )}
      <span className={styles.logText}>
        {line.text && <span className={styles.logMessage}>{line.text}</span>}
        {line.fields.map(([k, v]) => (
          <span key={k} className={styles.logField}>
            <span className={styles.logKey}>{k}</span>=<span className={styles.logValue}>{v}</span>
          </span>
        ))}
      </span>
    </li>
  );
}

function TailBody({ group, pattern, paused }: { group: string; pattern: string; paused: boolean }) {
  const { target } = useObservability();
  const state = useLogTail(group, pattern, paused, target.pollMs);
  const now = useNow();
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useLayoutEffect(() => {
    const el = list.current;
    if (el && pinned.current && state.lines.length) el.scrollTop = el.scrollHeight;
  }, [state.lines]);

  if (state.error && !state.lines.length) return <ErrorNote what={`Could not read ${group}`} error={state.error} retryMs={target.pollMs} />;
  if (state.missing) {
    return (
      <EmptyNote title={`The log group ${group} does not exist yet`}>
        It appears when the service's first task starts (or the Lambda's first invocation). {noDataHint(target.deployed)}
      </EmptyNote>
    );
  }
  if (!state.loaded) return <RowsSkeleton rows={5} />;
  return (
    <>
      {state.patternError && (
        <p className={styles.fieldError} role="alert">
          CloudWatch Logs rejected the filter: {state.patternError}
        </p>
      )}
      {state.error && (
        <p className={styles.fieldError} role="alert">
          The last poll failed: {state.error}. Retrying every {Math.round(target.pollMs / 1000)} s.
        </p>
      )}
      {state.lines.length === 0 && !state.patternError ? (
        <EmptyNote title={pattern ? `No events match ${pattern} in the last 5 minutes` : "No events in the last 5 minutes"}>
          {pattern ? "Loosen the filter or clear it; new events that match appear as they arrive." : noDataHint(target.deployed)}
        </EmptyNote>
      ) : (
        state.lines.length > 0 && (
          <ol
            ref={list}
            className={styles.logLines}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard to scroll it
            tabIndex={0}
            aria-label={`Log events of ${group}${pattern ? ` matching ${pattern}` : ""}, oldest first`}
            onScroll={(e) => {
              const el = e.currentTarget;
              pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
            }}
            data-testid="log-lines"
          >
            {state.lines.map((line) => (
              <LogRow key={line.id} line={line} now={now} />
            ))}
          </ol>
        )
      )}
      <p className={styles.tailStatus} data-testid="log-status">
        {paused ? (
          <>Paused: new events wait on CloudWatch; resume to catch up from here.</>
        ) : (
          <>
            <span className={styles.liveDot} aria-hidden="true" /> Live · {state.lines.length} event{state.lines.length === 1 ? "" : "s"} · every {Math.round(target.pollMs / 1000)} s
            {state.truncated ? " · more matched than one poll reads; narrow the filter" : ""}
          </>
        )}
      </p>
    </>
  );
}

/** Live tail of one service's or Lambda's log group, with a CloudWatch filter pattern and pause. */
export function LogTail() {
  const uid = useId();
  const [group, setGroup] = useState<string>(LOG_GROUPS[0].group);
  const [draft, setDraft] = useState("");
  const [pattern, setPattern] = useState("");
  const [paused, setPaused] = useState(false);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPattern(draft.trim());
  };
  return (
    <Panel title="Logs" span={2} description="A live tail of the services' /ecs/<service> and the Lambdas' /aws/lambda/<function> groups; JSON lines are shown compactly.">
      <form className={styles.logToolbar} onSubmit={apply} aria-label="Log tail controls">
        <span className={styles.inlineField}>
          <label htmlFor={`${uid}-group`}>Log group</label>
          <select id={`${uid}-group`} className={styles.select} value={group} onChange={(e) => setGroup(e.target.value)}>
            {LOG_GROUPS.map((g) => (
              <option key={g.group} value={g.group}>
                {g.group}
              </option>
            ))}
          </select>
        </span>
        <span className={styles.inlineField} data-grow>
          <label htmlFor={`${uid}-pattern`}>Filter pattern</label>
          <input
            id={`${uid}-pattern`}
            className={`input ${styles.patternInput}`}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder='timeout or { $.level = "error" }'
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${uid}-pattern-hint`}
          />
        </span>
        <button type="submit" className="button" data-size="small">
          <Glyph name="filter" size={15} /> Filter
        </button>
        {pattern && (
          <button
            type="button"
            className="button"
            data-variant="ghost"
            data-size="small"
            onClick={() => {
              setDraft("");
              setPattern("");
            }}
          >
            Clear filter
          </button>
        )}
        <button type="button" className="button" data-size="small" aria-pressed={paused} onClick={() => setPaused((p) => !p)}>
          <Glyph name={paused ? "play" : "pause"} size={15} /> {paused ? "Resume" : "Pause"}
        </button>
      </form>
      <p id={`${uid}-pattern-hint`} className={styles.hint}>
        CloudWatch filter syntax: terms are case-sensitive and all must match; <code>?A ?B</code> matches either; <code>{"{ $.field = value }"}</code> reads JSON.
      </p>
      <TailBody key={`${group}\u0000${pattern}`} group={group} pattern={pattern} paused={paused} />
    </Panel>
  );
}
