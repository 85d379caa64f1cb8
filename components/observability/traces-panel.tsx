"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { formatAgo, timeWindow } from "@/components/charts/time-window";
import { useNow } from "@/components/charts/use-now";
import { Panel } from "@/components/ui/panel";
import { formatMs, HOP_WORDS, type SpanKind, type TraceRow, type TraceView, type WaterfallRow } from "@/lib/data/observability";
import type { TracesSnapshot } from "@/lib/data/observability-sdk";
import { Glyph } from "./glyphs";
import { fetchJson, noDataHint, useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { EmptyNote, ErrorNote, Loading, RowsSkeleton } from "./panel-states";
import { TraceBadge, traceLook } from "./state-badge";

const KIND_WORDS: Record<SpanKind, string> = { service: "service", http: "HTTP call", sns: "SNS publish", sqs: "SQS call", aws: "AWS call", local: "local" };

function TraceList({ traces, selected, onOpen, now }: { traces: TraceRow[]; selected?: string; onOpen: (id: string) => void; now: number }) {
  return (
    <div className="table-scroll">
      <table className={`data-table ${styles.traceTable}`}>
        <caption className="visually-hidden">Recent traces, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Trace</th>
            <th scope="col">Started</th>
            <th scope="col">Duration</th>
            <th scope="col">Status</th>
            <th scope="col">Services</th>
          </tr>
        </thead>
        <tbody>
          {traces.map((t) => (
            <tr key={t.id} data-selected={selected === t.id || undefined} data-testid="trace-row" data-trace-id={t.id}>
              <td>
                <button type="button" className={styles.linkButton} onClick={() => onOpen(t.id)} aria-pressed={selected === t.id} aria-label={`Open trace ${t.request ?? t.root} at ${new Date(t.startedAt).toLocaleTimeString()}`}>
                  <span className={styles.traceRoot}>{t.root}</span>
                  {t.request && <span className={styles.mono}>{t.request}</span>}
                </button>
              </td>
              <td>
                <time dateTime={new Date(t.startedAt).toISOString()} title={new Date(t.startedAt).toLocaleString()}>
                  {formatAgo(now - t.startedAt)}
                </time>
              </td>
              <td className={styles.num}>{formatMs(t.durationMs)}</td>
              <td>
                <TraceBadge status={t.status} httpStatus={t.httpStatus} />
              </td>
              <td className={styles.services}>{t.services.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function rowWords(r: WaterfallRow): string {
  const parts = [r.name, r.hop ? `reached by ${HOP_WORDS[r.hop]}` : KIND_WORDS[r.kind], r.detail, `starts at ${formatMs(r.offsetMs)}`, r.durationMs !== undefined ? `takes ${formatMs(r.durationMs)}` : "in progress"];
  if (r.status !== "ok") parts.push(`${traceLook(r.status).word}${r.httpStatus ? ` ${r.httpStatus}` : ""}`);
  if (r.cause) parts.push(r.cause);
  return parts.filter(Boolean).join(", ");
}

/** Segments and subsegments on one time scale, each service under the call that reached it. */
function Waterfall({ trace }: { trace: TraceView }) {
  const total = Math.max(trace.durationMs, 0.001);
  return (
    <div className={styles.waterfall}>
      <p className={styles.hops} data-testid="trace-hops">
        {trace.hops.map((h, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a trace's hops are fixed and a service may appear twice
          <span key={`${h.to}-${i}`} className={styles.hop}>
            {i > 0 && <Glyph name="play" size={10} className={styles.hopArrow} />}
            <strong>{h.to}</strong>
            <span className={styles.hopVia}>{h.via === "entry" ? "entry" : `via ${HOP_WORDS[h.via]}`}</span>
          </span>
        ))}
      </p>
      <div className={styles.waterfallAxis} aria-hidden="true">
        <span />
        <span className={styles.axisTrack}>
          {[0, 0.25, 0.5, 0.75, 1].map((f) => (
            <span key={f} style={{ left: `${f * 100}%` }}>
              {formatMs(total * f)}
            </span>
          ))}
        </span>
        <span />
      </div>
      <ol className={styles.waterfallRows} aria-label="Segments and subsegments, in call order">
        {trace.rows.map((r) => {
          const left = (r.offsetMs / total) * 100;
          const width = r.durationMs !== undefined ? Math.max(0.6, (r.durationMs / total) * 100) : 100 - left;
          return (
            <li key={r.id} className={styles.waterfallRow} data-kind={r.kind} data-status={r.status} data-testid={r.kind === "service" ? "waterfall-segment" : "waterfall-subsegment"}>
              <span className="visually-hidden">{rowWords(r)}</span>
              <span className={styles.spanName} style={{ paddingLeft: `${r.depth * 16}px` }} aria-hidden="true">
                <span className={styles.spanKind} data-kind={r.kind}>
                  {KIND_WORDS[r.kind]}
                </span>
                <span className={r.kind === "service" ? styles.spanService : undefined}>{r.name}</span>
                {(r.detail ?? (r.hop === "message" ? "from SQS" : undefined)) && <span className={styles.spanDetail}>{r.detail ?? "from SQS"}</span>}
              </span>
              <span className={styles.spanTrack} aria-hidden="true">
                <span className={styles.spanBar} data-status={r.status} data-progress={r.inProgress || undefined} style={{ left: `${left}%`, width: `${width}%` }} />
              </span>
              <span className={styles.spanTime} aria-hidden="true">
                {r.durationMs !== undefined ? formatMs(r.durationMs) : "…"}
                {r.status !== "ok" && (
                  <span className={styles.spanStatus} data-status={r.status}>
                    <Glyph name={r.status === "fault" ? "fault" : "alert"} size={12} />
                    {traceLook(r.status).word}
                    {r.httpStatus ? ` ${r.httpStatus}` : ""}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}

function TraceDetail({ id, onClose }: { id: string; onClose: () => void }) {
  const { target } = useObservability();
  const trace = useQuery({
    queryKey: ["observability", "trace", id],
    queryFn: ({ signal }) => fetchJson<TraceView | null>(`/api/observability/traces/${id}`, signal),
    // A trace fills in as late segments arrive; stop asking once it is a few seconds old.
    refetchInterval: (q) => (q.state.data && Date.now() - q.state.data.startedAt > 30_000 ? false : target.pollMs),
  });
  const t = trace.data;
  return (
    <section className={styles.traceDetail} aria-labelledby="trace-view-title">
      <header className={styles.edgeDetailsHeader}>
        <div>
          <h3 id="trace-view-title">Trace {id}</h3>
          {t && (
            <p className={styles.muted}>
              {formatMs(t.durationMs)} · {t.rows.filter((r) => r.kind === "service").length} services · started {new Date(t.startedAt).toLocaleTimeString()}
            </p>
          )}
        </div>
        <div className={styles.traceDetailActions}>
          {t && <TraceBadge status={t.status} />}
          <button type="button" className="button" data-variant="ghost" data-size="small" onClick={onClose} aria-label="Close the trace">
            <Glyph name="cross" size={15} />
          </button>
        </div>
      </header>
      {trace.isError && <ErrorNote what="Could not read the trace" error={trace.error.message} retryMs={target.pollMs} />}
      {trace.isPending && <RowsSkeleton rows={3} />}
      {trace.data === null && <p className={styles.muted}>X-Ray no longer has this trace (traces are kept 30 days on AWS; the emulator keeps them until reset).</p>}
      {t && <Waterfall trace={t} />}
    </section>
  );
}

/** GetTraceSummaries for the window, and the chosen trace as a waterfall (BatchGetTraces). */
export function TracesPanel() {
  const { window, target, traceId, openTrace } = useObservability();
  const now = useNow();
  const traces = useQuery({
    queryKey: ["observability", "traces", window, undefined],
    queryFn: ({ signal }) => fetchJson<TracesSnapshot>(`/api/observability/traces?window=${window}`, signal),
    refetchInterval: target.pollMs,
    placeholderData: keepPreviousData,
  });
  const data = traces.data;
  return (
    <Panel
      title="Traces"
      span={2}
      description="Requests followed across services, HTTP and SNS/SQS hops. Open one to see where it spent its time and which hop failed."
    >
      <div id="trace-view" className={styles.anchor} />
      {traceId && <TraceDetail id={traceId} onClose={() => openTrace(undefined)} />}
      {traces.isError && <ErrorNote what="Could not read the traces" error={traces.error.message} retryMs={target.pollMs} />}
      {!data && !traces.isError && (
        <>
          <Loading what="traces" />
          <RowsSkeleton rows={4} />
        </>
      )}
      {data && data.traces.length === 0 && (
        <EmptyNote title={`No traces in the last ${timeWindow(window).long}`}>{noDataHint(target.deployed)}</EmptyNote>
      )}
      {data && data.traces.length > 0 && (
        <>
          <TraceList traces={data.traces} selected={traceId} onOpen={openTrace} now={now} />
          {data.matched > data.traces.length && (
            <p className={styles.muted}>
              Showing the newest {data.traces.length} of {data.matched} traces in the window.
            </p>
          )}
        </>
      )}
    </Panel>
  );
}
