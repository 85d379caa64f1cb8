import type { DashboardEntry, ListDashboardsInput, ListDashboardsOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { page } from "../errors.ts";

export function listDashboards(cw: CloudWatch, input: ListDashboardsInput, ctx: RequestContext) {
  const prefix = `${ctx.accountId}/global/`;
  const entries: DashboardEntry[] = [];
  for (const [k, d] of cw.store.dashboards.entries()) {
    if (!k.startsWith(prefix) || (input.DashboardNamePrefix && !d.DashboardName.startsWith(input.DashboardNamePrefix))) continue;
    entries.push({ DashboardName: d.DashboardName, DashboardArn: d.DashboardArn, LastModified: new Date(d.LastModified), Size: Buffer.byteLength(d.DashboardBody) });
  }
  entries.sort((a, b) => (a.DashboardName! < b.DashboardName! ? -1 : 1));
  const { items, next } = page(entries, 1000, input.NextToken);
  return { DashboardEntries: items, NextToken: next } satisfies ListDashboardsOutput;
}
