"use server";

import { currentTarget } from "@/lib/aws/clients";
import { tryRequest } from "@/lib/data/lab-tools";
import { POISON_TEMPLATE, TEMPLATES } from "@/lib/data/messaging";
import { publishEvent } from "@/lib/data/messaging-sdk";
import { breakerAction, failureReason, journaledWriteFault, runHealthCheck } from "@/lib/data/resilience-sdk";
import { canarySchema, updateCanary } from "@/lib/lab/canary";
import { SERVICES } from "@/lib/lab/contract";
import { startStep } from "@/lib/lab/exercise-runner";
import { STEP_ID } from "@/lib/lab/progress-store";

export type StepActionState = { status: "idle" } | { status: "done" | "failed"; message: string; at: number };

const done = (message: string): StepActionState => ({ status: "done", message, at: Date.now() });
const failed = (message: string): StepActionState => ({ status: "failed", message, at: Date.now() });

async function publishTemplate(id: string) {
  const t = id === "poison" ? POISON_TEMPLATE : TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`no template ${id}`);
  const body = JSON.stringify({ ...t.body, orderId: `ord-${id === "poison" ? "poison-" : ""}${Date.now().toString(36)}` });
  return publishEvent(await currentTarget(), { topic: t.topic, body, attributes: t.attributes.map((a, i) => ({ id: `a${i}`, ...a })) });
}

async function sendOrders(n: number) {
  const target = await currentTarget();
  const results = [];
  for (let i = 0; i < n; i++) results.push(await tryRequest(target, "post-order"));
  return results;
}

const statusWords = (rs: { status: number; error?: string }[]) => rs.map((r) => (r.status ? String(r.status) : (r.error ?? "no answer"))).join(", ");

/** One form per step; `step` and `action` come from hidden fields, the rest from the form. */
export async function stepAction(_previous: StepActionState, form: FormData): Promise<StepActionState> {
  const step = String(form.get("step") ?? "");
  const action = String(form.get("action") ?? "");
  if (!STEP_ID.test(step)) return failed("Unknown step.");
  const target = await currentTarget();
  try {
    await startStep(step);
    switch (action) {
      case "send-order": {
        const [r] = await sendOrders(1);
        if (!r.status) return failed(`The order was not sent: ${r.error}`);
        return done(`POST /orders answered ${r.status} in ${r.ms} ms${r.traceId ? `, trace ${r.traceId}` : ""}.`);
      }
      case "send-orders": {
        const rs = await sendOrders(5);
        return done(`Sent 5 orders: ${statusWords(rs)}.`);
      }
      case "trip-breaker": {
        const rs = await sendOrders(7);
        return done(`Sent 7 orders while user-service fails: ${statusWords(rs)}. A 202 means order-service fell back.`);
      }
      case "fallback-order": {
        const [r] = await sendOrders(1);
        if (!r.status) return failed(`The order was not sent: ${r.error}`);
        const deferred = r.body.includes('"verification": "deferred"');
        return done(`POST /orders answered ${r.status}: verification ${deferred ? "deferred (the fallback)" : "verified (user-service answered)"}.`);
      }
      case "canary": {
        const parsed = canarySchema.safeParse({ v1: form.get("v1"), v2: form.get("v2") });
        if (!parsed.success) return failed(parsed.error.issues[0].message);
        await updateCanary(target, parsed.data);
        return done(`Updating the services stack: inventory v1 ${parsed.data.v1}, v2 ${parsed.data.v2}. The route changes when the update completes, in a few seconds locally.`);
      }
      case "publish-created":
      case "publish-shipped":
      case "publish-poison": {
        const id = action === "publish-created" ? "order_created" : action === "publish-shipped" ? "order_shipped" : "poison";
        const m = await publishTemplate(id);
        return done(`Published ${id === "poison" ? "a poison order_created" : id} as ${m.messageId}.`);
      }
      case "health-check": {
        const out = await runHealthCheck(target);
        return done(`The health checker probed ${(out.results ?? []).map((r) => `${r.service} ${r.healthy ? "healthy" : "unhealthy"}`).join(", ") || "nothing"}.`);
      }
      case "fault-user": {
        const command = form.get("command") === "recover" ? "recover" : "fail";
        await journaledWriteFault({ command, service: SERVICES.user }, "console", target);
        return done(command === "fail" ? "user-service now answers 503 on its business routes; /health/live stays up." : "user-service recovered: it answers normally within about a second.");
      }
      case "force-breaker": {
        const verb = form.get("command") === "force_close" ? "force_close" : "force_open";
        const item = await breakerAction(target, SERVICES.user, verb);
        return done(`user-service breaker is now ${item.state}.`);
      }
      default:
        return failed(`Unknown action ${action}.`);
    }
  } catch (error) {
    return failed(failureReason(error, target));
  }
}
