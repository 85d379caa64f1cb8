import type { GetMetricDataInput, GetMetricDataOutput, MetricDataResult } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { invalidParameterValue, required } from "../errors.ts";
import { runQueries } from "../query.ts";

const MAX_QUERIES = 500;

export function getMetricData(cw: CloudWatch, input: GetMetricDataInput, ctx: RequestContext) {
  required(input, "MetricDataQueries", "StartTime", "EndTime");
  const queries = input.MetricDataQueries ?? [];
  if (queries.length > MAX_QUERIES) throw invalidParameterValue(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
  const start = Math.floor(input.StartTime!.getTime() / 1000);
  const end = Math.ceil(input.EndTime!.getTime() / 1000);
  if (start >= end) throw invalidParameterValue("The parameter StartTime must be less than the parameter EndTime.");
  const ascending = input.ScanBy === "TimestampAscending";
  let budget = input.MaxDatapoints ?? 100_800;
  const results = runQueries(cw.store.metrics, { account: ctx.accountId, region: ctx.region }, queries, start, end)
    .filter((r) => r.returnData)
    .map((r): MetricDataResult => {
      const ts = [...r.points.keys()].sort((a, b) => (ascending ? a - b : b - a)).slice(0, Math.max(0, budget));
      budget -= ts.length;
      return { Id: r.id, Label: r.label, Timestamps: ts.map((t) => new Date(t * 1000)), Values: ts.map((t) => r.points.get(t)!), StatusCode: "Complete", Messages: [] };
    });
  return { MetricDataResults: results, Messages: [] } satisfies GetMetricDataOutput;
}
