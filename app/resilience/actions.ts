"use server";

import { refresh } from "next/cache";
import type { z } from "zod";
import { currentTarget } from "@/lib/aws/clients";
import { endpointOf } from "@/lib/aws/target";
import { breakerAction, experiments, failureReason, journaledWriteFault, labAlbUrl, runHealthCheck } from "@/lib/data/resilience-sdk";
import { type BreakerParams, breakerConfigOf, breakerParamsSchema, writeBreakerParams } from "@/lib/lab/breaker-params";
import { BREAKER_SERVICES } from "@/lib/lab/contract";
import { describeFault, experimentRequestSchema } from "@/lib/lab/experiments";
import { faultRequestSchema } from "@/lib/lab/faults";
import { loadGenerator, loadRequestSchema } from "@/lib/lab/load";

type Values = Record<string, string>;

/** What every form on the page gets back: a message, the errors per field, and what was typed. */
export type FormState =
  | { status: "idle" }
  | { status: "done"; message: string; at: number }
  | { status: "invalid"; errors: Record<string, string>; values: Values; at: number }
  | { status: "failed"; message: string; values?: Values; at: number };

const valuesOf = (form: FormData): Values => Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string").map(([k, v]) => [k, String(v)]));

/** Blank fields are absent, so optional numbers stay optional instead of becoming 0. */
const present = (values: Values) => Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ""));

function fieldErrors(error: z.ZodError, fallbackField: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? fallbackField);
    out[field] ??= issue.message;
  }
  return out;
}

const done = (message: string): FormState => ({ status: "done", message, at: Date.now() });
const failed = (message: string, values?: Values): FormState => ({ status: "failed", message, values, at: Date.now() });
const invalid = (errors: Record<string, string>, values: Values): FormState => ({ status: "invalid", errors, values, at: Date.now() });

// ── faults ──────────────────────────────────────────────────────────────

export async function injectFaultAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const parsed = faultRequestSchema.safeParse(present(values));
  if (!parsed.success) return invalid(fieldErrors(parsed.error, "command"), values);
  const request = parsed.data;
  const target = await currentTarget();
  try {
    await journaledWriteFault(request, "console", target);
  } catch (error) {
    return failed(`The fault was not written to lab-faults: ${failureReason(error, target)}`, values);
  }
  const until = "durationSeconds" in request && request.durationSeconds ? ` for ${request.durationSeconds} s` : " until you recover it";
  switch (request.command) {
    case "recover":
      return done(`${request.service} recovered: it answers normally within about a second.`);
    case "crash":
      return done(`${request.service} crashes once: each running task exits, and ECS starts a replacement.`);
    default:
      return done(`${request.service}: ${describeFault({ mode: request.command, latencyMs: "latencyMs" in request ? request.latencyMs : undefined, errorRate: "errorRate" in request ? request.errorRate : undefined })}${until}.`);
  }
}

// ── experiments ─────────────────────────────────────────────────────────

export async function startExperimentAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const parsed = experimentRequestSchema.safeParse(present(values));
  if (!parsed.success) return invalid(fieldErrors(parsed.error, "service"), values);
  const started = await experiments().start(parsed.data);
  if (!started.ok) return failed(`The experiment did not start: ${started.reason}`, values);
  return done(`Experiment started: ${describeFault(parsed.data)} on ${parsed.data.service} for ${parsed.data.durationSeconds} s.`);
}

export async function stopExperimentAction(_previous: FormState, _form: FormData): Promise<FormState> {
  const e = await experiments().cancel();
  if (!e) return failed("No experiment is running.");
  return e.state === "done" ? done(`Stopped; ${e.request.service} recovered.`) : failed(`Stopping: ${e.lastError ?? "the revert is being retried"}.`);
}

// ── load ────────────────────────────────────────────────────────────────

export async function startLoadAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const parsed = loadRequestSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, "rps"), values);
  const target = await currentTarget();
  let url: string | undefined;
  try {
    url = await labAlbUrl(target);
  } catch (error) {
    return failed(`The lab's load balancer is unknown: ${failureReason(error, target)}`, values);
  }
  if (!url) return failed("The lab's load balancer is not deployed yet: the services stack has no AlbDnsName output.", values);
  const started = loadGenerator.start(parsed.data, url, endpointOf(target));
  if (!started.ok) return failed(started.reason, values);
  return done(`Sending ${parsed.data.rps} requests per second to ${url} for ${parsed.data.durationSeconds} s.`);
}

export async function stopLoadAction(_previous: FormState, _form: FormData): Promise<FormState> {
  const run = loadGenerator.stop();
  return run ? done(`Stopped after ${run.sent} requests.`) : failed("No load run is going.");
}

// ── breakers ────────────────────────────────────────────────────────────

const BREAKER_BUTTONS = { force_open: "forced OPEN", force_close: "forced CLOSED", reset: "reset to CLOSED" } as const;

export async function breakerButtonAction(_previous: FormState, form: FormData): Promise<FormState> {
  const service = String(form.get("service") ?? "");
  const action = String(form.get("action") ?? "") as keyof typeof BREAKER_BUTTONS;
  if (!(BREAKER_SERVICES as readonly string[]).includes(service) || !(action in BREAKER_BUTTONS)) return failed("Unknown breaker or action.");
  const target = await currentTarget();
  try {
    const item = await breakerAction(target, service, action);
    return done(`${service} ${BREAKER_BUTTONS[action]} (now ${item.state}, version ${item.version}).`);
  } catch (error) {
    return failed(failureReason(error, target));
  }
}

export async function healthCheckAction(_previous: FormState, _form: FormData): Promise<FormState> {
  const target = await currentTarget();
  try {
    const out = await runHealthCheck(target);
    const lines = (out.results ?? []).map((r) => {
      const last = r.probes.at(-1);
      const path = r.breaker ? [r.breaker.before, ...(r.breaker.transitions ?? []).map((t) => t.to)] : [];
      const breaker = r.breaker ? `, breaker ${path.length > 1 ? path.join(" → ") : r.breaker.after}` : "";
      return `${r.service} ${r.healthy ? "healthy" : "unhealthy"} (${r.probes.length} probe${r.probes.length === 1 ? "" : "s"}, last ${last?.status || last?.error || "?"})${breaker}`;
    });
    return done(lines.length ? lines.join("; ") : "The health checker ran.");
  } catch (error) {
    return failed(failureReason(error, target));
  }
}

// ── settings: breaker parameters ────────────────────────────────────────

export async function saveBreakerParamsAction(_previous: FormState, form: FormData): Promise<FormState> {
  const values = valuesOf(form);
  const parsed = breakerParamsSchema.safeParse(values);
  if (!parsed.success) return invalid(fieldErrors(parsed.error, "failureThreshold"), values);
  const params: BreakerParams = parsed.data;
  try {
    await writeBreakerParams(params);
  } catch (error) {
    return failed(`The parameters could not be saved: ${(error as Error).message}`, values);
  }
  if (values.apply !== "now") {
    refresh();
    return done("Saved. The next deploy or update of the resilience stack uses them.");
  }
  // The stored config wins over the stack's defaults, so running breakers change only on reset.
  const target = await currentTarget();
  try {
    for (const service of BREAKER_SERVICES) await breakerAction(target, service, "reset", { config: breakerConfigOf(params) });
  } catch (error) {
    return failed(`Saved, but the running breakers were not reset: ${failureReason(error, target)}`, values);
  }
  refresh();
  return done("Saved, and both breakers were reset with these thresholds. The next deploy uses them too.");
}
