"use client";

import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, type TooltipContentProps, XAxis, YAxis } from "recharts";
import { ticksFor, timeAxisProps } from "@/components/charts/time-axis";
import chartStyles from "@/components/charts/charts.module.css";
import { formatAgo } from "@/components/charts/time-window";
import type { BandView, TransitionMark } from "@/lib/data/resilience";
import { AXIS_W, MARKER_WORD, RIGHT, SERIES, STATE_COLOR } from "./breaker-timeline";


/** The Recharts part of BreakerTimeline, loaded on its own. */
export function TimelinePlot({
  data,
  from,
  now,
  windowMs,
  tickMs,
  bands,
  transitions,
  circuits,
  colors,
}: {
  data: Record<string, number | null>[];
  from: number;
  now: number;
  windowMs: number;
  tickMs: number;
  bands: BandView[];
  transitions: TransitionMark[];
  circuits: string[];
  colors: Record<string, string>;
}) {
  return (
    <ResponsiveContainer width="100%" height={240} initialDimension={{ width: 900, height: 240 }}>
      <ComposedChart data={data} margin={{ top: 30, right: RIGHT, bottom: 0, left: 0 }} accessibilityLayer={false}>
        <CartesianGrid stroke={colors["--border"]} strokeDasharray="3 4" vertical={false} />
        <XAxis {...timeAxisProps(from, now, ticksFor(now, windowMs, tickMs), colors)} />
        <YAxis
          domain={[0, 100]}
          ticks={[0, 25, 50, 75, 100]}
          width={AXIS_W}
          tickFormatter={(v: number) => `${v}%`}
          tick={{ fill: colors["--text-muted"], fontSize: 11 }}
          tickLine={false}
          axisLine={false}
        />
        {bands
          .filter((b) => b.mode !== "crash")
          .map((b, i) => (
            <ReferenceArea
              key={`${b.service}-${b.from}`}
              x1={Math.max(from, b.from)}
              x2={Math.min(now, b.end)}
              y1={0}
              y2={100}
              ifOverflow="hidden"
              fill={colors["--warn"]}
              fillOpacity={0.14}
              stroke={colors["--warn"]}
              strokeDasharray="4 3"
              strokeOpacity={0.7}
              label={{ value: `${b.service.replace("-service", "")}: ${b.label}`, position: "insideTopLeft", fill: colors["--text-muted"], fontSize: 11, dy: i % 2 ? 14 : 0 }}
            />
          ))}
        {bands
          .filter((b) => b.mode === "crash")
          .map((b) => (
            <ReferenceLine key={`crash-${b.service}-${b.from}`} x={b.from} stroke={colors["--warn"]} strokeWidth={2} label={{ value: "crash", position: "insideBottomRight", fill: colors["--text-muted"], fontSize: 10 }} />
          ))}
        {transitions.map((t, i) => (
          <ReferenceLine
            key={`${t.service}-${t.at}-${t.to}`}
            x={t.at}
            stroke={colors[STATE_COLOR[t.to]]}
            strokeWidth={2}
            strokeDasharray={t.to === "HALF_OPEN" ? "3 2" : undefined}
            label={(props: { viewBox?: { x?: number; y?: number } }) => <MarkerLabel x={props.viewBox?.x ?? 0} row={i % 2} word={MARKER_WORD[t.to]} color={colors[STATE_COLOR[t.to]]} />}
          />
        ))}
        {circuits.map((c, i) => (
          <Line key={c} dataKey={SERIES[i].key} name={`${c} error %`} type="linear" stroke={colors[SERIES[i].color]} strokeWidth={2} strokeDasharray={SERIES[i].dash} isAnimationActive={false} dot={false} connectNulls={false} />
        ))}
        <Tooltip isAnimationActive={false} cursor={{ stroke: colors["--text-muted"], strokeDasharray: "3 3" }} content={(props) => <TimelineTooltip {...(props as TooltipContentProps<number, string>)} now={now} circuits={circuits} />} />
      </ComposedChart>
    </ResponsiveContainer>
  );
}

function MarkerLabel({ x, row, word, color }: { x: number; row: number; word: string; color: string }) {
  const width = word.length * 7 + 10;
  const y = row ? 16 : 2;
  return (
    <g>
      <rect x={x - width / 2} y={y} width={width} height={14} rx={3} fill={color} />
      <text x={x} y={y + 10.5} textAnchor="middle" fontSize={10} fontWeight={700} fill="var(--surface)" style={{ fontFamily: "var(--font-mono)" }}>
        {word}
      </text>
    </g>
  );
}

function TimelineTooltip({ active, payload, label, now, circuits }: TooltipContentProps<number, string> & { now: number; circuits: string[] }) {
  if (!active || !payload?.length) return null;
  return (
    <div className={chartStyles.tooltip}>
      <p className={chartStyles.tooltipTime}>{formatAgo(now - Number(label))}</p>
      <ul>
        {circuits.map((c, i) => {
          const item = payload.find((p) => p.dataKey === SERIES[i].key);
          return (
            <li key={c}>
              {c} errors <strong>{item?.value === null || item?.value === undefined ? "no requests" : `${item.value}%`}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
