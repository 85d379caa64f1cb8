// Axis scales a reader can take in at a glance: gridlines on round numbers.

const STEPS = [1, 2, 5, 10];

/**
 * The smallest top of an axis from 0 that is at least `max` and splits into `intervals` equal,
 * round, whole steps (1, 2, 5 times a power of ten): 290 ms over 4 intervals is 400, with
 * gridlines at 100, 200 and 300 rather than 73, 145 and 218. At least one per interval. Pure.
 */
export function niceCeiling(max: number, intervals = 4): number {
  const raw = Number.isFinite(max) && max > 0 ? max / intervals : 0;
  if (raw <= 1) return intervals;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = (STEPS.find((m) => m * magnitude >= raw) ?? 10) * magnitude;
  return step * intervals;
}
