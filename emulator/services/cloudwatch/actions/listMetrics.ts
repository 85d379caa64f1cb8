import type { Dimension, DimensionFilter, ListMetricsInput, ListMetricsOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterValue, page } from "../errors.ts";

const PAGE = 500;
const RECENT_S = 3 * 3600;

/** Names and values must be non-empty, at most 255 characters, and names unique. */
export function checkDimensions(dims: (Dimension | DimensionFilter)[] | undefined, where: string, max: number) {
  if (!dims) return;
  if (dims.length > max) throw invalidParameterValue(`The collection ${where} must not have a size greater than ${max}.`);
  const seen = new Set<string>();
  dims.forEach((d, i) => {
    if (!d.Name || d.Name.length > 255) throw invalidParameterValue(`The parameter ${where}.member.${i + 1}.Name must be a string of 1 to 255 characters.`);
    if ("Value" in d && d.Value !== undefined && (d.Value === "" || d.Value.length > 1024)) {
      throw invalidParameterValue(`The parameter ${where}.member.${i + 1}.Value must be a string of 1 to 1024 characters.`);
    }
    if (seen.has(d.Name)) throw invalidParameterValue(`The collection ${where} must not contain duplicate dimension names (${d.Name}).`);
    seen.add(d.Name);
  });
}

export function listMetrics(cw: CloudWatch, input: ListMetricsInput, ctx: RequestContext) {
  checkDimensions(input.Dimensions, "Dimensions", 10);
  if (input.RecentlyActive !== undefined && input.RecentlyActive !== "PT3H") throw invalidParameterValue("The value of RecentlyActive must be PT3H.");
  const since = input.RecentlyActive ? Date.now() / 1000 - RECENT_S : 0;
  const matches = cw.store.metrics
    .list(ctx.accountId, ctx.region)
    .filter(
      (s) =>
        (!input.Namespace || s.Namespace === input.Namespace) &&
        (!input.MetricName || s.MetricName === input.MetricName) &&
        s.lastPut >= since &&
        (input.Dimensions ?? []).every((f) => s.Dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))),
    )
    .map((s) => ({ Namespace: s.Namespace, MetricName: s.MetricName, Dimensions: s.Dimensions }))
    .sort((a, b) => `${a.Namespace}\u0000${a.MetricName}`.localeCompare(`${b.Namespace}\u0000${b.MetricName}`));
  const { items, next } = page(matches, PAGE, input.NextToken);
  return { Metrics: items, NextToken: next } satisfies ListMetricsOutput;
}
