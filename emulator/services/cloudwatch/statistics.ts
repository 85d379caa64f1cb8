// Pure arithmetic over metric buckets: merging, statistics and percentiles.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html

/** Aggregated samples of one time slot. `vals` is a bounded reservoir used for percentiles. */
export interface Bucket {
  n: number;
  sum: number;
  min: number;
  max: number;
  unit: string;
  /** Raw values (a uniform reservoir of at most RESERVOIR values); absent when only statistic sets were published. */
  vals?: number[];
}

export const RESERVOIR = 256;

export const STATISTICS = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"] as const;
export type Statistic = (typeof STATISTICS)[number];

const PERCENTILE = /^p(\d{1,2}(\.\d{1,2})?|100)$/;

export const isStatistic = (s: string): s is Statistic => (STATISTICS as readonly string[]).includes(s);
export const isPercentile = (s: string) => PERCENTILE.test(s) && Number(s.slice(1)) <= 100;

function addToReservoir(vals: number[], value: number, seen: number) {
  if (vals.length < RESERVOIR) vals.push(value);
  else {
    const j = Math.floor(Math.random() * seen);
    if (j < RESERVOIR) vals[j] = value;
  }
}

/** Merges `src` into `dst` (mutating dst). Percentiles survive only while every part kept raw values. */
export function mergeBucket(dst: Bucket, src: Bucket): Bucket {
  const seenBefore = dst.n;
  dst.n += src.n;
  dst.sum += src.sum;
  dst.min = Math.min(dst.min, src.min);
  dst.max = Math.max(dst.max, src.max);
  dst.unit = src.unit;
  if (dst.vals && src.vals) {
    let seen = Math.max(seenBefore, dst.vals.length);
    for (const v of src.vals) addToReservoir(dst.vals, v, ++seen);
  } else dst.vals = undefined;
  return dst;
}

export const emptyBucket = (unit: string, withVals: boolean): Bucket => ({
  n: 0,
  sum: 0,
  min: Number.POSITIVE_INFINITY,
  max: Number.NEGATIVE_INFINITY,
  unit,
  vals: withVals ? [] : undefined,
});

/** A bucket from raw values with optional counts (PutMetricData Values/Counts). */
export function bucketFromValues(values: number[], counts: number[] | undefined, unit: string): Bucket {
  const b = emptyBucket(unit, true);
  values.forEach((v, i) => {
    const c = counts?.[i] ?? 1;
    b.n += c;
    b.sum += v * c;
    b.min = Math.min(b.min, v);
    b.max = Math.max(b.max, v);
    // A value counted c times enters the reservoir up to c times (bounded).
    for (let k = 0; k < Math.min(c, RESERVOIR); k++) addToReservoir(b.vals!, v, b.vals!.length + 1);
  });
  return b;
}

/**
 * A StatisticSet keeps raw values only when they are known: one sample, or min equal to max.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Percentiles
 */
export function bucketFromStatisticSet(s: { SampleCount: number; Sum: number; Minimum: number; Maximum: number }, unit: string): Bucket {
  const known = s.SampleCount === 1 || s.Minimum === s.Maximum;
  return {
    n: s.SampleCount,
    sum: s.Sum,
    min: s.Minimum,
    max: s.Maximum,
    unit,
    vals: known ? Array.from({ length: Math.min(Math.round(s.SampleCount), RESERVOIR) }, () => s.Minimum) : undefined,
  };
}

/** Nearest-rank percentile of the reservoir, or undefined when raw values are not available. */
export function percentile(b: Bucket, p: number): number | undefined {
  if (!b.vals || b.vals.length === 0) return undefined;
  const sorted = [...b.vals].sort((x, y) => x - y);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/** One statistic ("Average", "p99", ...) of a bucket. */
export function statisticValue(b: Bucket, stat: string): number | undefined {
  switch (stat) {
    case "SampleCount":
      return b.n;
    case "Sum":
      return b.sum;
    case "Average":
      return b.n ? b.sum / b.n : undefined;
    case "Minimum":
      return b.min;
    case "Maximum":
      return b.max;
    default:
      return isPercentile(stat) ? percentile(b, Number(stat.slice(1))) : undefined;
  }
}
