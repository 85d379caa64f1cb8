import type { DashboardValidationMessage, PutDashboardInput, PutDashboardOutput } from "@aws-sdk/client-cloudwatch";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudWatch } from "../index.ts";
import { dashboardInvalid, required } from "../errors.ts";
import { dashboardKey } from "../store.ts";

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const MAX_BODY = 1024 * 1024;

export const dashboardArn = (account: string, name: string) => `arn:aws:cloudwatch::${account}:dashboard/${name}`;

/**
 * The body must be a JSON object with a `widgets` array of objects that have a `type`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
function validateBody(body: string): DashboardValidationMessage[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return [{ DataPath: "", Message: "The dashboard body is not valid JSON." }];
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return [{ DataPath: "", Message: "Should be object" }];
  const widgets = (parsed as { widgets?: unknown }).widgets;
  if (!Array.isArray(widgets)) return [{ DataPath: "/widgets", Message: "Should have required property 'widgets' of type array" }];
  const messages: DashboardValidationMessage[] = [];
  widgets.forEach((w, i) => {
    if (!w || typeof w !== "object" || Array.isArray(w)) messages.push({ DataPath: `/widgets/${i}`, Message: "Should be object" });
    else if (typeof (w as { type?: unknown }).type !== "string") messages.push({ DataPath: `/widgets/${i}`, Message: "Should have required property 'type'" });
  });
  return messages;
}

export function putDashboard(cw: CloudWatch, input: PutDashboardInput, ctx: RequestContext) {
  required(input, "DashboardName", "DashboardBody");
  const name = input.DashboardName!;
  if (!NAME.test(name)) throw dashboardInvalid("The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).");
  if (Buffer.byteLength(input.DashboardBody!) > MAX_BODY) throw dashboardInvalid("The field DashboardBody must be at most 1 MB.");
  const messages = validateBody(input.DashboardBody!);
  if (messages.length) throw dashboardInvalid(`The field DashboardBody is invalid: ${messages.map((m) => `${m.DataPath || "/"}: ${m.Message}`).join("; ")}`);
  const key = dashboardKey(ctx.accountId, name);
  cw.store.dashboards.set(key, {
    DashboardName: name,
    DashboardArn: dashboardArn(ctx.accountId, name),
    DashboardBody: input.DashboardBody!,
    LastModified: new Date().toISOString(),
    Tags: cw.store.dashboards.get(key)?.Tags,
  });
  return { DashboardValidationMessages: [] } satisfies PutDashboardOutput;
}
