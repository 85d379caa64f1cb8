import type { MetricDatum, PutMetricDataInput, PutMetricDataCommandOutput } from "@aws-sdk/client-cloudwatch";
import { StandardUnit } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterCombination, invalidParameterValue, missingParameter, required } from "../errors.ts";
import { MAX_FUTURE_S, MAX_PAST_S } from "../metrics.ts";
import { type Bucket, bucketFromStatisticSet, bucketFromValues } from "../statistics.ts";
import { checkDimensions } from "./listMetrics.ts";

const UNITS = new Set<string>(Object.values(StandardUnit));

/** Namespaces starting with "AWS/" are reserved for AWS services. */
export function checkNamespace(ns: string | undefined, where = "Namespace") {
  if (!ns) throw missingParameter(where);
  if (ns.startsWith("AWS/") || ns.startsWith(":") || ns.length > 255) throw invalidParameterValue(`The value ${ns} for parameter ${where} is invalid.`);
}

export function putMetricData(cw: CloudWatch, input: PutMetricDataInput, ctx: RequestContext) {
  checkNamespace(input.Namespace);
  const data = input.MetricData ?? [];
  if (!data.length) throw missingParameter("MetricData");
  if (data.length > 1000) throw invalidParameterValue("The collection MetricData must not have a size greater than 1000.");
  const nowS = Date.now() / 1000;
  // Validate everything first: AWS stores none of a request that has one bad datum.
  const parsed = data.map((d, i) => parseDatum(d, `MetricData.member.${i + 1}`, nowS));
  for (const [i, p] of parsed.entries()) {
    const d = data[i];
    cw.store.metrics.put(ctx.accountId, ctx.region, { Namespace: input.Namespace!, MetricName: d.MetricName!, Dimensions: d.Dimensions ?? [] }, p.ts, p.bucket);
  }
  return {} satisfies Omit<PutMetricDataCommandOutput, "$metadata">;
}

function parseDatum(d: MetricDatum, where: string, nowS: number): { ts: number; bucket: Bucket } {
  required(d, "MetricName");
  checkDimensions(d.Dimensions, `${where}.Dimensions`, 30);
  const unit = d.Unit ?? "None";
  if (!UNITS.has(unit)) throw invalidParameterValue(`The value ${unit} for parameter ${where}.Unit is not a valid unit.`);
  if (d.StorageResolution !== undefined && d.StorageResolution !== 1 && d.StorageResolution !== 60) {
    throw invalidParameterValue(`The value ${d.StorageResolution} for parameter ${where}.StorageResolution is invalid. Use 1 (high resolution) or 60.`);
  }
  const ts = d.Timestamp ? d.Timestamp.getTime() / 1000 : nowS;
  if (Number.isNaN(ts)) throw invalidParameterValue(`The parameter ${where}.Timestamp is not a valid timestamp.`);
  if (ts < nowS - MAX_PAST_S) throw invalidParameterValue(`The parameter ${where}.Timestamp must specify a time no more than two weeks in the past.`);
  if (ts > nowS + MAX_FUTURE_S) throw invalidParameterValue(`The parameter ${where}.Timestamp must specify a time no more than two hours in the future.`);

  const given = [d.Value !== undefined && "Value", d.Values?.length && "Values", d.StatisticValues && "StatisticValues"].filter(Boolean) as string[];
  if (given.length > 1) throw invalidParameterCombination(`The parameters ${where}.${given[0]} and ${where}.${given[1]} are mutually exclusive and you have specified both.`);
  if (!given.length) throw invalidParameterCombination(`${where} must contain one of Value, Values or StatisticValues.`);
  const finite = (v: number | undefined, name: string) => {
    if (typeof v !== "number" || !Number.isFinite(v)) throw invalidParameterValue(`The value ${v} for parameter ${where}.${name} is not a valid number.`);
    return v;
  };
  let bucket: Bucket;
  if (d.StatisticValues) {
    const s = d.StatisticValues;
    const set = { SampleCount: finite(s.SampleCount, "StatisticValues.SampleCount"), Sum: finite(s.Sum, "StatisticValues.Sum"), Minimum: finite(s.Minimum, "StatisticValues.Minimum"), Maximum: finite(s.Maximum, "StatisticValues.Maximum") };
    if (set.SampleCount <= 0 || set.Minimum > set.Maximum) throw invalidParameterValue(`The parameter ${where}.StatisticValues is not a consistent statistic set.`);
    bucket = bucketFromStatisticSet(set, unit);
  } else if (d.Values?.length) {
    if (d.Values.length > 150) throw invalidParameterValue(`The collection ${where}.Values must not have a size greater than 150.`);
    if (d.Counts?.length && d.Counts.length !== d.Values.length) throw invalidParameterValue(`The parameters ${where}.Values and ${where}.Counts must be of the same size.`);
    d.Values.forEach((v, i) => {
      finite(v, `Values.member.${i + 1}`);
    });
    d.Counts?.forEach((c, i) => {
      if (finite(c, `Counts.member.${i + 1}`) < 0) throw invalidParameterValue(`The value ${c} for parameter ${where}.Counts.member.${i + 1} must not be negative.`);
    });
    bucket = bucketFromValues(d.Values, d.Counts?.length ? d.Counts : undefined, unit);
  } else {
    bucket = bucketFromValues([finite(d.Value, "Value")], undefined, unit);
  }
  return { ts: Math.floor(ts), bucket };
}
