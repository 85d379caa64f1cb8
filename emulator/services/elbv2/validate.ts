// Input checks shared by several ELBv2 operations.
import type { Action, RuleCondition } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../core/errors.ts";
import type { ElbStore, Scope } from "./store.ts";

export const validation = (message: string) => new AwsError("ValidationError", message, 400);

/** Names: 1-32 alphanumerics or hyphens, not starting or ending with a hyphen. */
export function checkName(kind: string, name: string | undefined) {
  if (!name || !/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/.test(name)) {
    throw validation(`${kind} name '${name ?? ""}' can have a maximum of 32 characters, must contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen`);
  }
  if (name.startsWith("internal-")) throw validation(`${kind} name cannot begin with 'internal-'`);
}

const TERMINAL = ["forward", "fixed-response", "redirect"];
const ALL = [...TERMINAL, "authenticate-oidc", "authenticate-cognito"];

/** Actions must reference existing target groups and end in exactly one terminal action. */
export function checkActions(store: ElbStore, scope: Scope, actions: Action[] | undefined, what = "Actions"): Action[] {
  if (!actions?.length) throw validation(`${what} must contain at least one action`);
  for (const a of actions) {
    if (!ALL.includes(a.Type ?? "")) throw validation(`Action type '${a.Type}' must be one of ${ALL.join(", ")}`);
    if (a.Type === "forward") {
      const arns = [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)].filter(Boolean) as string[];
      if (!arns.length) throw validation("A forward action must specify a target group");
      for (const arn of arns) {
        const tg = store.targetGroup(arn);
        if (tg.accountId !== scope.accountId) throw new AwsError("TargetGroupNotFound", `Target group not found: ${arn}`, 400);
      }
    }
    if (a.Type === "fixed-response" && !/^[2-5]\d\d$/.test(a.FixedResponseConfig?.StatusCode ?? "")) {
      throw validation("A fixed-response action needs a StatusCode from 2XX to 5XX");
    }
  }
  if (actions.filter((a) => TERMINAL.includes(a.Type ?? "")).length !== 1) throw validation(`${what} must contain exactly one forward, fixed-response or redirect action`);
  return actions;
}

export function checkPort(port: number | undefined) {
  if (!Number.isInteger(port) || port! < 1 || port! > 65535) throw validation("Port must be between 1 and 65535");
  return port!;
}

export function checkPriority(p: number | undefined): number {
  if (!Number.isInteger(p) || p! < 1 || p! > 50000) throw validation("Priority must be between 1 and 50000");
  return p!;
}

const FIELDS = ["path-pattern", "host-header", "http-header", "http-request-method", "query-string", "source-ip"];

export function checkConditions(conditions: RuleCondition[] | undefined): RuleCondition[] {
  if (!conditions?.length) throw validation("A rule must have at least one condition");
  for (const c of conditions) {
    if (!FIELDS.includes(c.Field ?? "")) throw validation(`Condition field '${c.Field}' must be one of [${FIELDS.join(", ")}]`);
    const values = c.Values ?? c.PathPatternConfig?.Values ?? c.HostHeaderConfig?.Values;
    if ((c.Field === "path-pattern" || c.Field === "host-header") && !values?.length) throw validation(`A '${c.Field}' condition needs at least one value`);
    for (const v of values ?? []) if (v.length > 128) throw validation("Condition values can be at most 128 characters");
  }
  return conditions;
}
