"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type KeyboardEvent, useMemo, useRef, useState } from "react";
import { RelativeTime } from "@/components/charts/relative-time";
import { timeWindow } from "@/components/charts/time-window";
import { Panel } from "@/components/ui/panel";
import {
  edgeFilter,
  formatMs,
  formatNumber,
  formatPercent,
  formatRate,
  MAP_SIZE,
  type MapEdge,
  NODE_HEIGHT,
  type MapNode,
  type ServiceMapView,
  TONE_WORDS,
} from "@/lib/data/observability";
import type { TracesSnapshot } from "@/lib/data/observability-sdk";
import { Glyph } from "./glyphs";
import { fetchJson, noDataHint, useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { ErrorNote, Loading, RowsSkeleton } from "./panel-states";
import { TraceBadge } from "./state-badge";

type MapData = ServiceMapView & { window: string };

const box = (n: MapNode) => ({ left: n.x - n.w / 2, right: n.x + n.w / 2, top: n.y - NODE_HEIGHT / 2, bottom: n.y + NODE_HEIGHT / 2 });

/** Where an edge leaves and enters its boxes: spread along the side so arrows do not pile up. */
type Ports = Map<string, { out: number; in: number }>;

function portsFor(edges: readonly MapEdge[], nodes: Map<string, MapNode>): Ports {
  const ports: Ports = new Map();
  const spread = (list: MapEdge[], key: "out" | "in", other: (e: MapEdge) => MapNode | undefined) => {
    const sorted = [...list].sort((a, b) => (other(a)?.y ?? 0) - (other(b)?.y ?? 0));
    const step = Math.min(8, 26 / Math.max(1, sorted.length - 1));
    sorted.forEach((e, i) => {
      const p = ports.get(e.id) ?? { out: 0, in: 0 };
      p[key] = (i - (sorted.length - 1) / 2) * step;
      ports.set(e.id, p);
    });
  };
  for (const id of nodes.keys()) {
    spread(
      edges.filter((e) => e.from === id),
      "out",
      (e) => nodes.get(e.to),
    );
    spread(
      edges.filter((e) => e.to === id),
      "in",
      (e) => nodes.get(e.from),
    );
  }
  return ports;
}

/** A cubic Bézier's point at t = ½. */
const half = (p0: number, p1: number, p2: number, p3: number) => (p0 + 3 * p1 + 3 * p2 + p3) / 8;

/** The curve of an edge: left to right between columns, or an arc on the right within a column. */
function edgePath(from: MapNode, to: MapNode, port: { out: number; in: number } = { out: 0, in: 0 }): { d: string; mid: [number, number] } {
  const a = box(from);
  const b = box(to);
  if (Math.abs(from.x - to.x) < 1) {
    const dy = to.y - from.y;
    const bulge = 26 + Math.abs(dy) * 0.32;
    const x = a.right;
    const y1 = from.y + Math.sign(dy) * 8;
    const y2 = to.y - Math.sign(dy) * 8;
    return { d: `M ${x} ${y1} C ${x + bulge} ${y1}, ${x + bulge} ${y2}, ${x + 4} ${y2}`, mid: [x + bulge * 0.75, (y1 + y2) / 2] };
  }
  if (to.x > from.x) {
    const [x1, y1] = [a.right, from.y + port.out];
    const [x2, y2] = [b.left - 3, to.y + port.in];
    const c = (x2 - x1) * 0.5;
    return { d: `M ${x1} ${y1} C ${x1 + c} ${y1}, ${x2 - c} ${y2}, ${x2} ${y2}`, mid: [half(x1, x1 + c, x2 - c, x2), half(y1, y1, y2, y2)] };
  }
  const y = Math.max(a.bottom, b.bottom) + 36;
  return { d: `M ${from.x} ${a.bottom} C ${from.x} ${y}, ${to.x} ${y}, ${to.x} ${b.bottom + 4}`, mid: [(from.x + to.x) / 2, y - 8] };
}

const NODE_ICON: Record<MapNode["kind"], string> = { alb: "⇶", service: "▣", topic: "◉", queue: "☰", lambda: "λ" };

function MapNodeView({ node }: { node: MapNode }) {
  const b = box(node);
  return (
    <g className={styles.mapNode} data-kind={node.kind}>
      <title>{[node.label, node.detail].filter(Boolean).join(" · ")}</title>
      <rect x={b.left} y={b.top} width={b.right - b.left} height={NODE_HEIGHT} rx={node.kind === "topic" ? 21 : 8} />
      <text x={b.left + 10} y={node.detail ? node.y - 3 : node.y + 4} className={styles.mapNodeLabel}>
        <tspan className={styles.mapNodeIcon}>{NODE_ICON[node.kind]}</tspan> {node.label}
      </text>
      {node.detail && (
        <text x={b.left + 10} y={node.y + 13} className={styles.mapNodeDetail}>
          {node.detail}
        </text>
      )}
    </g>
  );
}

function EdgeView({
  edge,
  from,
  to,
  port,
  selected,
  focusable,
  onSelect,
  onKey,
  refFn,
}: {
  edge: MapEdge;
  from: MapNode;
  to: MapNode;
  port?: { out: number; in: number };
  selected: boolean;
  focusable: boolean;
  onSelect: () => void;
  onKey: (e: KeyboardEvent<SVGGElement>) => void;
  refFn: (el: SVGGElement | null) => void;
}) {
  const { d, mid } = edgePath(from, to, port);
  const dashed = !edge.stats && edge.kind !== "http";
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG path cannot be a <button>; this group acts as one
    <g
      ref={refFn}
      className={styles.mapEdge}
      data-tone={edge.tone}
      data-kind={edge.kind}
      data-selected={selected || undefined}
      role="button"
      tabIndex={focusable ? 0 : -1}
      aria-pressed={selected}
      aria-label={edge.description}
      data-testid={`edge-${edge.from}->${edge.to}`}
      onClick={onSelect}
      onKeyDown={onKey}
    >
      <path d={d} className={styles.edgeHalo} strokeWidth={edge.width + 8} />
      <path d={d} className={styles.edgeHit} />
      <path d={d} className={styles.edgeLine} strokeWidth={edge.width} strokeDasharray={dashed ? "4 4" : undefined} markerEnd={`url(#arrow-${edge.tone})`} />
      {edge.label && (
        <text x={mid[0]} y={mid[1] - 5} className={styles.edgeLabel} textAnchor="middle">
          {edge.tone === "danger" ? "⚠ " : ""}
          {edge.label}
          {edge.stats?.weight !== undefined ? ` · ${edge.stats.weight}%` : ""}
        </text>
      )}
    </g>
  );
}

function EdgeTraces({ edge }: { edge: MapEdge }) {
  const { window, target, openTrace } = useObservability();
  const filter = edgeFilter(edge);
  const traces = useQuery({
    queryKey: ["observability", "traces", window, filter],
    queryFn: ({ signal }) => fetchJson<TracesSnapshot>(`/api/observability/traces?window=${window}&filter=${encodeURIComponent(filter ?? "")}`, signal),
    enabled: Boolean(filter),
    refetchInterval: target.pollMs * 2,
  });
  if (!filter) return <p className={styles.muted}>X-Ray does not trace this hop on its own; see the Messaging page's message flow for SNS → SQS deliveries.</p>;
  if (traces.isError) return <p className={styles.fieldError}>Could not read the traces: {traces.error.message}</p>;
  if (!traces.data) return <RowsSkeleton rows={2} />;
  const rows = traces.data.traces.slice(0, 5);
  if (!rows.length) return <p className={styles.muted}>No traces cross this edge in the last {timeWindow(window).long}.</p>;
  return (
    <ul className={styles.edgeTraces} aria-label="Recent traces across this edge">
      {rows.map((t) => (
        <li key={t.id}>
          <TraceBadge status={t.status} httpStatus={t.httpStatus} />
          <span className={styles.mono}>{t.request ?? t.root}</span>
          <span>{formatMs(t.durationMs)}</span>
          <RelativeTime at={t.startedAt} />
          <button
            type="button"
            className="button"
            data-size="small"
            onClick={() => {
              openTrace(t.id);
              document.getElementById("trace-view")?.scrollIntoView({ behavior: "smooth", block: "start" });
            }}
          >
            Open trace
          </button>
        </li>
      ))}
    </ul>
  );
}

function EdgeDetails({ edge, nodes, onClose }: { edge: MapEdge; nodes: MapNode[]; onClose: () => void }) {
  const { window } = useObservability();
  const name = (id: string) => {
    const n = nodes.find((x) => x.id === id);
    return n ? (n.detail?.startsWith("consumer") ? `${n.label} (consumer)` : n.label) : id;
  };
  const s = edge.stats;
  const source = s?.source === "mesh" ? "mesh data plane: rate over the last 10 s, errors and latency over 60 s" : s ? `X-Ray service graph over the last ${timeWindow(window).long}` : undefined;
  return (
    <section className={styles.edgeDetails} aria-labelledby="edge-details-title" data-testid="edge-details">
      <header className={styles.edgeDetailsHeader}>
        <div>
          <h3 id="edge-details-title">
            {name(edge.from)} → {name(edge.to)}
          </h3>
          <p className={styles.muted}>
            {edge.kind === "subscription" ? "SNS subscription" : edge.kind === "publish" ? "Publishes to the topic" : edge.kind === "consume" ? "Consumes the queue" : "HTTP calls"}
            {source ? ` · from the ${source}` : ""}
          </p>
        </div>
        <button type="button" className="button" data-variant="ghost" data-size="small" onClick={onClose} aria-label="Close the edge details">
          <Glyph name="cross" size={15} />
        </button>
      </header>
      {s ? (
        <dl className={styles.stats}>
          <div>
            <dt>Requests</dt>
            <dd>{formatRate(s.rps)}</dd>
            <dd className={styles.statSub}>{formatNumber(s.requests)} counted</dd>
          </div>
          <div data-tone={edge.tone}>
            <dt>Errors</dt>
            <dd>{formatPercent(s.errorPercent)}</dd>
            <dd className={styles.statSub}>{TONE_WORDS[edge.tone]}</dd>
          </div>
          {(["p50", "p90", "p99"] as const).map((p) => (
            <div key={p}>
              <dt>{p}</dt>
              <dd>{s[p] !== undefined ? formatMs(s[p]!) : "–"}</dd>
            </div>
          ))}
          {s.weight !== undefined && (
            <div>
              <dt>Route weight</dt>
              <dd>{s.weight}%</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className={styles.muted}>
          {edge.kind === "http" || edge.kind === "traced"
            ? `No calls on this edge in the last ${timeWindow(window).long}.`
            : "SNS and SQS do not report traffic per subscription; the queue charts and the Messaging page's flow log show where messages went."}
        </p>
      )}
      {edge.filter && (
        <p>
          <span className={styles.muted}>Filter policy: </span>
          <code>{edge.filter}</code>
        </p>
      )}
      <h4 className={styles.subhead}>Recent traces</h4>
      <EdgeTraces edge={edge} />
    </section>
  );
}

function MapLegend({ data }: { data: MapData }) {
  return (
    <div className={styles.mapLegend}>
      <span className={styles.legendGroup}>
        <span className={styles.legendTitle}>Thickness</span>
        {[
          [2.5, "< 1"],
          [4, "1–5"],
          [6, "5–20"],
          [8, "≥ 20 req/s"],
        ].map(([w, text]) => (
          <span key={text} className={styles.legendEntry}>
            <svg width="26" height="10" aria-hidden="true">
              <line x1="0" x2="26" y1="5" y2="5" className={styles.legendLine} strokeWidth={Number(w)} />
            </svg>
            {text}
          </span>
        ))}
      </span>
      <span className={styles.legendGroup}>
        <span className={styles.legendTitle}>Errors</span>
        {(
          [
            ["ok", "healthy < 1%"],
            ["warn", "some errors 1–5%"],
            ["danger", "failing ≥ 5%"],
            ["idle", "no traffic"],
          ] as const
        ).map(([tone, text]) => (
          <span key={tone} className={styles.legendEntry} data-tone={tone}>
            <svg width="26" height="10" aria-hidden="true">
              <line x1="0" x2="26" y1="5" y2="5" className={styles.legendTone} strokeWidth="3" strokeDasharray={tone === "idle" ? "4 4" : undefined} />
            </svg>
            {text}
          </span>
        ))}
      </span>
      <span className={styles.legendSource}>
        Traffic from {data.sources.length ? data.sources.map((s) => (s === "mesh" ? "the mesh data plane" : "X-Ray")).join(" and ") : "the mesh and X-Ray, once there is some"}.
      </span>
    </div>
  );
}

/**
 * The lab as a map that reads left to right: ALB → services → topics → queues → consumers and
 * Lambdas. Edges grow with requests per second and take the colour of their error rate, with the
 * numbers written on them; pick one (click, or Enter on the focused edge) for its latency and traces.
 */
export function ServiceMap() {
  const { window, target } = useObservability();
  const map = useQuery({
    queryKey: ["observability", "map", window],
    queryFn: ({ signal }) => fetchJson<MapData>(`/api/observability/map?window=${window}`, signal),
    refetchInterval: target.pollMs,
    placeholderData: keepPreviousData,
  });
  const [selected, setSelected] = useState<string>();
  const [focusIndex, setFocusIndex] = useState(0);
  const refs = useRef<(SVGGElement | null)[]>([]);
  const data = map.data;
  const nodes = useMemo(() => new Map(data?.nodes.map((n) => [n.id, n])), [data]);
  // Busy edges first in keyboard order, then the rest as drawn.
  const edges = data?.edges ?? [];
  const order = useMemo(() => [...edges.keys()].sort((a, b) => Number(Boolean(edges[b].stats)) - Number(Boolean(edges[a].stats)) || a - b), [edges]);
  const selectedEdge = edges.find((e) => e.id === selected);
  const ports = useMemo(() => portsFor(edges, nodes), [edges, nodes]);

  const onKey = (position: number) => (e: KeyboardEvent<SVGGElement>) => {
    const move = (to: number) => {
      e.preventDefault();
      const next = (to + order.length) % order.length;
      setFocusIndex(next);
      refs.current[order[next]]?.focus();
    };
    if (e.key === "Enter" || e.key === " ") {
      e.preventDefault();
      const id = edges[order[position]].id;
      setSelected((s) => (s === id ? undefined : id));
    } else if (e.key === "ArrowRight" || e.key === "ArrowDown") move(position + 1);
    else if (e.key === "ArrowLeft" || e.key === "ArrowUp") move(position - 1);
    else if (e.key === "Home") move(0);
    else if (e.key === "End") move(order.length - 1);
    else if (e.key === "Escape") setSelected(undefined);
  };

  const busy = edges.filter((e) => e.stats);
  return (
    <Panel
      title="Service map"
      span={2}
      description="Edges are as thick as their requests per second and coloured by error rate, with the numbers written on them. Select an edge (Tab to the map, arrow keys between edges, Enter) for its latency and traces."
    >
      {map.isError && <ErrorNote what="Could not read the service graph" error={map.error.message} retryMs={target.pollMs} />}
      {!data && !map.isError && (
        <>
          <Loading what="the service map" />
          <RowsSkeleton rows={5} />
        </>
      )}
      {data && (
        <>
          {!data.hasTraffic && (
            <p className={styles.inlineNote} data-testid="map-no-traffic">
              <Glyph name="inbox" size={16} />
              <span>
                No traffic in the last {timeWindow(window).long}: the map shows the lab's topology. {noDataHint(target.deployed)}
              </span>
            </p>
          )}
          <div className={styles.mapScroll}>
            {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot hold a fieldset; the group names the edges inside */}
            <svg
              viewBox={`0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}`}
              className={styles.map}
              role="group"
              aria-label={`Service map, left to right: ALB, services, topics, queues, consumers and Lambdas. ${busy.length} edge${busy.length === 1 ? "" : "s"} with traffic.`}
              data-testid="service-map"
            >
              <defs>
                {(["idle", "ok", "warn", "danger"] as const).map((tone) => (
                  <marker key={tone} id={`arrow-${tone}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse" markerUnits="strokeWidth">
                    <path d="M0 0 L10 5 L0 10 z" className={styles.arrow} data-tone={tone} />
                  </marker>
                ))}
              </defs>
              <g>
                {order.map((index, position) => {
                  const e = edges[index];
                  const from = nodes.get(e.from);
                  const to = nodes.get(e.to);
                  if (!from || !to) return null;
                  return (
                    <EdgeView
                      key={e.id}
                      edge={e}
                      from={from}
                      to={to}
                      port={ports.get(e.id)}
                      selected={selected === e.id}
                      focusable={position === focusIndex}
                      onSelect={() => {
                        setFocusIndex(position);
                        setSelected((s) => (s === e.id ? undefined : e.id));
                      }}
                      onKey={onKey(position)}
                      refFn={(el) => {
                        refs.current[index] = el;
                      }}
                    />
                  );
                })}
              </g>
              {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: the nodes are not focusable; the edges' labels name them */}
              <g aria-hidden="true">
                {data.nodes.map((n) => (
                  <MapNodeView key={n.id} node={n} />
                ))}
              </g>
            </svg>
          </div>
          <MapLegend data={data} />
          {selectedEdge && <EdgeDetails edge={selectedEdge} nodes={data.nodes} onClose={() => setSelected(undefined)} />}
          <details className={styles.edgeTable}>
            <summary>The map as text ({busy.length} with traffic)</summary>
            <ul>
              {[...busy, ...edges.filter((e) => !e.stats)].map((e) => (
                <li key={e.id}>{e.description}</li>
              ))}
            </ul>
            {data.other.length > 0 && (
              <>
                <p className={styles.muted}>Other calls in traces (not drawn):</p>
                <ul>
                  {data.other.map((o) => (
                    <li key={`${o.from}->${o.to}`}>
                      {o.from} → {o.to}: {formatRate(o.stats.rps)}, {formatPercent(o.stats.errorPercent)} errors
                    </li>
                  ))}
                </ul>
              </>
            )}
          </details>
        </>
      )}
    </Panel>
  );
}
