import type { DeleteDashboardsInput, DeleteDashboardsOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { missingParameter, resourceNotFound } from "../errors.ts";
import { dashboardKey } from "../store.ts";

/** Deletes all named dashboards, or none if one does not exist. */
export function deleteDashboards(cw: CloudWatch, input: DeleteDashboardsInput, ctx: RequestContext) {
  const names = input.DashboardNames ?? [];
  if (!names.length) throw missingParameter("DashboardNames");
  const missing = names.filter((n) => !cw.store.dashboards.has(dashboardKey(ctx.accountId, n)));
  if (missing.length) throw resourceNotFound(`Dashboard${missing.length === 1 ? "" : "s"} ${missing.join(", ")} ${missing.length === 1 ? "does" : "do"} not exist`);
  for (const n of names) cw.store.dashboards.delete(dashboardKey(ctx.accountId, n));
  return {} satisfies DeleteDashboardsOutput;
}
