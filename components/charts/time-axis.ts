import { formatAgo } from "./time-window";

/** Tick times every `stepMs` across the window ending at `now`. */
export function ticksFor(now: number, windowMs: number, stepMs: number): number[] {
  const ticks: number[] = [];
  for (let t = now - windowMs; t <= now + 1; t += stepMs) ticks.push(t);
  return ticks;
}

/** The live charts' shared time axis (Recharts XAxis props): the window ending now, in "ago" words. */
export function timeAxisProps(from: number, now: number, ticks: number[], colors: Record<string, string>) {
  return {
    dataKey: "t",
    type: "number" as const,
    domain: [from, now],
    allowDataOverflow: true,
    ticks,
    tickFormatter: (t: number) => formatAgo(now - t),
    stroke: colors["--border"],
    tick: { fill: colors["--text-muted"], fontSize: 11 },
    tickLine: false,
    height: 22,
  };
}
