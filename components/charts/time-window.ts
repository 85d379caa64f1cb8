// The one window control every time series shares (UI.md, "Conventions"): 1 m, 5 m, 15 m.
export const TIME_WINDOWS = [
  { key: "1m", label: "1 m", long: "1 minute", ms: 60_000, tickMs: 15_000 },
  { key: "5m", label: "5 m", long: "5 minutes", ms: 300_000, tickMs: 60_000 },
  { key: "15m", label: "15 m", long: "15 minutes", ms: 900_000, tickMs: 180_000 },
] as const;

export type TimeWindowKey = (typeof TIME_WINDOWS)[number]["key"];
export type TimeWindow = (typeof TIME_WINDOWS)[number];

export const DEFAULT_WINDOW: TimeWindowKey = "1m";
/** The longest window: how much history a chart needs to keep. */
export const MAX_WINDOW_MS = TIME_WINDOWS[TIME_WINDOWS.length - 1].ms;

export const timeWindow = (key: TimeWindowKey): TimeWindow => TIME_WINDOWS.find((w) => w.key === key) ?? TIME_WINDOWS[0];

/** "now", "12 s ago", "3 m ago", "2 h ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 1) return "now";
  if (s < 60) return `${s} s ago`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} m ago`;
  return `${Math.round(m / 60)} h ago`;
}

/** A number with its unit and no more precision than it has: "3 msg", "0.2 msg/s". */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return `– ${unit}`;
  const text = Number.isInteger(value) ? String(value) : value < 10 ? value.toFixed(1) : String(Math.round(value));
  return `${text} ${unit}`;
}
