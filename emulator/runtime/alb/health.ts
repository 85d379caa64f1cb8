// Target health as an ALB tracks it: each target starts `initial`, is probed at registration
// and then every HealthCheckIntervalSeconds; HealthyThresholdCount consecutive successes make
// it `healthy`, UnhealthyThresholdCount consecutive failures `unhealthy`. Deregistered targets
// are `draining` for deregistration_delay.timeout_seconds.
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
import { request } from "node:http";
import type { TargetGroupRecord, TargetRecord } from "../../services/elbv2/store.ts";
import { codeMatches } from "./match.ts";

export type TargetState = "initial" | "healthy" | "unhealthy" | "unused" | "draining" | "unavailable";

export interface TargetHealth {
  State: TargetState;
  Reason?: string;
  Description?: string;
}

interface Tracked {
  target: TargetRecord;
  health: TargetHealth;
  successes: number;
  failures: number;
  checking: boolean;
  drainTimer?: NodeJS.Timeout;
  /** When the first successful check came back (for /_lab views). */
  lastCheckedAt?: number;
}

export const targetKey = (t: { Id?: string; Port?: number }) => `${t.Id}:${t.Port ?? ""}`;

const probeHost = (id: string) => (/^[\d.]+$/.test(id) || id.includes(":") || id === "localhost" ? id : undefined);

export class HealthMonitor {
  private groups = new Map<string, Map<string, Tracked>>();
  private timers = new Map<string, { interval: number; timer: NodeJS.Timeout }>();
  private lookup: (tgArn: string) => TargetGroupRecord | undefined;
  /** Called whenever a target's state changes (the ECS runtime watches its own targets). */
  onChange?: (tgArn: string, target: TargetRecord, health: TargetHealth) => void;

  constructor(lookup: (tgArn: string) => TargetGroupRecord | undefined) {
    this.lookup = lookup;
  }

  /** Brings tracked targets in line with the target group's registered targets. */
  sync(tg: TargetGroupRecord) {
    let tracked = this.groups.get(tg.TargetGroupArn);
    if (!tracked) {
      tracked = new Map();
      this.groups.set(tg.TargetGroupArn, tracked);
    }
    const wanted = new Set(tg.Targets.map(targetKey));
    for (const t of tg.Targets) {
      const key = targetKey(t);
      const cur = tracked.get(key);
      if (cur && cur.health.State !== "draining") continue;
      if (cur?.drainTimer) clearTimeout(cur.drainTimer);
      const fresh: Tracked = {
        target: t,
        health: { State: "initial", Reason: "Elb.RegistrationInProgress", Description: "Target registration is in progress" },
        successes: 0,
        failures: 0,
        checking: false,
      };
      tracked.set(key, fresh);
      void this.check(tg.TargetGroupArn, fresh);
    }
    for (const [key, cur] of tracked) {
      if (wanted.has(key) || cur.health.State === "draining") continue;
      const delay = Number(tg.Attributes["deregistration_delay.timeout_seconds"] ?? 300);
      this.set(tg.TargetGroupArn, cur, { State: "draining", Reason: "Target.DeregistrationInProgress", Description: "Target deregistration is in progress" });
      cur.drainTimer = setTimeout(() => tracked.delete(key), delay * 1000);
      cur.drainTimer.unref();
    }
    const interval = Math.max(1, tg.HealthCheck.IntervalSeconds) * 1000;
    const existing = this.timers.get(tg.TargetGroupArn);
    if (!existing || existing.interval !== interval) {
      if (existing) clearInterval(existing.timer);
      const timer = setInterval(() => this.tick(tg.TargetGroupArn), interval);
      timer.unref();
      this.timers.set(tg.TargetGroupArn, { interval, timer });
    }
  }

  health(tgArn: string, t: { Id?: string; Port?: number }): TargetHealth | undefined {
    return this.groups.get(tgArn)?.get(targetKey(t))?.health;
  }

  /** Every tracked target, including draining ones. */
  targets(tgArn: string): { target: TargetRecord; health: TargetHealth }[] {
    return [...(this.groups.get(tgArn)?.values() ?? [])].map((t) => ({ target: t.target, health: t.health }));
  }

  healthyTargets(tgArn: string): TargetRecord[] {
    return [...(this.groups.get(tgArn)?.values() ?? [])].filter((t) => t.health.State === "healthy").map((t) => t.target);
  }

  remove(tgArn: string) {
    const t = this.timers.get(tgArn);
    if (t) clearInterval(t.timer);
    this.timers.delete(tgArn);
    for (const cur of this.groups.get(tgArn)?.values() ?? []) if (cur.drainTimer) clearTimeout(cur.drainTimer);
    this.groups.delete(tgArn);
  }

  stop() {
    for (const arn of [...this.groups.keys(), ...this.timers.keys()]) this.remove(arn);
  }

  private tick(tgArn: string) {
    for (const cur of this.groups.get(tgArn)?.values() ?? []) if (cur.health.State !== "draining") void this.check(tgArn, cur);
  }

  private set(tgArn: string, cur: Tracked, health: TargetHealth) {
    const changed = cur.health.State !== health.State;
    cur.health = health;
    if (changed) this.onChange?.(tgArn, cur.target, health);
  }

  private async check(tgArn: string, cur: Tracked) {
    const tg = this.lookup(tgArn);
    if (!tg || cur.checking) return;
    const hc = tg.HealthCheck;
    if (!hc.Enabled) {
      this.set(tgArn, cur, { State: "unavailable", Reason: "Target.HealthCheckDisabled", Description: "Health checks are disabled" });
      return;
    }
    cur.checking = true;
    const port = hc.Port === "traffic-port" ? cur.target.Port : Number(hc.Port);
    const outcome = await probe(probeHost(cur.target.Id), port, hc.Path, hc.TimeoutSeconds * 1000, hc.Matcher);
    cur.checking = false;
    cur.lastCheckedAt = Date.now();
    if (this.groups.get(tgArn)?.get(targetKey(cur.target)) !== cur || cur.health.State === "draining") return;
    if (outcome.ok) {
      cur.successes += 1;
      cur.failures = 0;
      // A newly registered target needs one passing check; an unhealthy one needs the threshold.
      if (cur.health.State === "initial" || cur.successes >= hc.HealthyThresholdCount) this.set(tgArn, cur, { State: "healthy" });
    } else {
      cur.failures += 1;
      cur.successes = 0;
      if (cur.health.State === "initial" && cur.failures < hc.UnhealthyThresholdCount) {
        this.set(tgArn, cur, { State: "initial", Reason: "Elb.InitialHealthChecking", Description: "Initial health checks in progress" });
      } else if (cur.health.State !== "healthy" || cur.failures >= hc.UnhealthyThresholdCount) {
        this.set(tgArn, cur, { State: "unhealthy", Reason: outcome.reason, Description: outcome.description });
      }
    }
  }
}

function probe(host: string | undefined, port: number, path: string, timeoutMs: number, matcher: string) {
  return new Promise<{ ok: boolean; reason?: string; description?: string }>((resolve) => {
    if (!host) return resolve({ ok: false, reason: "Target.FailedHealthChecks", description: "Only ip targets can be reached by the local load balancer" });
    const req = request({ host, port, path, method: "GET", timeout: timeoutMs, agent: false, headers: { "user-agent": "ELB-HealthChecker/2.0", connection: "close" } }, (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      if (codeMatches(matcher, status)) resolve({ ok: true });
      else resolve({ ok: false, reason: "Target.ResponseCodeMismatch", description: `Health checks failed with these codes: [${status}]` });
    });
    req.on("timeout", () => {
      req.destroy();
      resolve({ ok: false, reason: "Target.Timeout", description: "Request timed out" });
    });
    req.on("error", () => resolve({ ok: false, reason: "Target.FailedHealthChecks", description: "Health checks failed" }));
    req.end();
  });
}
