import type { GetDashboardInput, GetDashboardOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { required, resourceNotFound } from "../errors.ts";
import { dashboardKey } from "../store.ts";

export function getDashboard(cw: CloudWatch, input: GetDashboardInput, ctx: RequestContext) {
  required(input, "DashboardName");
  const d = cw.store.dashboards.get(dashboardKey(ctx.accountId, input.DashboardName!));
  if (!d) throw resourceNotFound(`Dashboard ${input.DashboardName} does not exist`);
  return { DashboardName: d.DashboardName, DashboardArn: d.DashboardArn, DashboardBody: d.DashboardBody } satisfies GetDashboardOutput;
}
