// Money as the console shows it (UI.md, Conventions): 2 decimals, or 4 under a cent.
// "$0.37", "$0.0042", "$1,234.50"; rates carry their unit: "$0.45/h".

/**
 * Rounds half away from zero at `decimals`, in decimal: 0.045 → 0.05, where
 * `Math.round(0.045 * 100) / 100` gives 0.04 because 0.045 is stored as 0.04499….
 */
export function roundMoney(value: number, decimals = 2): number {
  if (!Number.isFinite(value)) return value;
  const sign = value < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(value)}e${decimals}`);
  return (sign * Number(`${Math.round(shifted)}e-${decimals}`)) || 0;
}

const SMALLEST = 0.0001;

function digits(value: number, decimals: number): string {
  return value.toLocaleString("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * "$0.37"; under a cent "$0.0042"; above zero but under $0.0001 "<$0.0001"; exactly zero "$0.00".
 * A value that rounds up to a cent at 4 decimals (0.00996) is shown with 2 ("$0.01").
 */
export function formatMoney(value: number): string {
  if (!Number.isFinite(value)) return "—";
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  if (abs === 0) return "$0.00";
  const four = roundMoney(abs, 4);
  if (four === 0) return `${sign}<$${digits(SMALLEST, 4)}`;
  if (four < 0.01) return `${sign}$${digits(four, 4)}`;
  return `${sign}$${digits(roundMoney(abs, 2), 2)}`;
}

/** A rate: "$0.45/h", "$0.0042/h". */
export function formatRate(perHour: number): string {
  return `${formatMoney(perHour)}/h`;
}

/**
 * A unit price as published, with its unit: "$0.04048 per vCPU-hour", "$0.40 per 1M requests",
 * "$0.30 per metric-month". Prices keep the digits AWS lists (up to 7), never fewer than 2.
 */
export function formatUnitPrice(value: number, unit: string, per = 1): string {
  const shown = value.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 10 });
  const amount = per === 1 ? unit : `${formatCount(per)} ${plural(unit)}`;
  return `$${shown} per ${amount}`;
}

/** 1000000 → "1M", 1000 → "1,000", 1500000 → "1.5M". */
export function formatCount(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(2))}M`;
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

function plural(unit: string): string {
  if (/(s|-hour|-month|-second)$/.test(unit)) return unit;
  return unit.endsWith("y") ? `${unit.slice(0, -1)}ies` : `${unit}s`;
}

/** "1 h 52 min", "12 min", "40 s". */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  const rest = min % 60;
  return rest ? `${h} h ${rest} min` : `${h} h`;
}
