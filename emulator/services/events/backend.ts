// What EventBridge's operations share: the store, the scheduler that fires rules, and the
// dispatcher that matches events against patterns and delivers them.
import { randomUUID } from "node:crypto";
import { type EventPattern, matchesEventPattern, parseEventPattern } from "../../../lib/events/event-pattern.ts";
import type { ServiceEnv } from "../../core/service.ts";
import { parseScheduleExpression } from "../../runtime/scheduler/schedule-expression.ts";
import { Scheduler } from "../../runtime/scheduler/scheduler.ts";
import { deliver, type EventEnvelope, eventTime } from "./delivery.ts";
import { type DeliveryResult, EventsStore, type RuleRecord } from "./store.ts";

export interface DeliveryLogEntry {
  at: string;
  rule: string;
  eventId: string;
  reason: "schedule" | "pattern" | "manual";
  deliveries: DeliveryResult[];
}

const LOG_LIMIT = 200;

export class EventsBackend {
  readonly store: EventsStore;
  readonly scheduler: Scheduler;
  private env: ServiceEnv;
  private inFlight = new Set<Promise<unknown>>();
  private patterns = new Map<string, EventPattern>();
  /** Recent deliveries, newest last (the /_lab view; not persisted). */
  readonly log: DeliveryLogEntry[] = [];

  constructor(env: ServiceEnv, rateScale: number) {
    this.env = env;
    this.store = new EventsStore(env.state);
    this.scheduler = new Scheduler({ rateScale });
  }

  /** Arms the rule's schedule when it is enabled and has one; disarms it otherwise. */
  syncSchedule(rule: RuleRecord): void {
    if (rule.State === "DISABLED" || !rule.ScheduleExpression) {
      this.scheduler.disarm(rule.Arn);
      return;
    }
    const schedule = parseScheduleExpression(rule.ScheduleExpression);
    this.scheduler.arm(rule.Arn, schedule, new Date(rule.armedAt), (at) => {
      this.track(this.fire(rule.Arn, at, "schedule"));
    });
  }

  armAll(): void {
    for (const rule of this.store.rules.values()) {
      try {
        this.syncSchedule(rule);
      } catch (e) {
        this.env.log("events", "cannot arm schedule", { rule: rule.Arn, error: (e as Error).message });
      }
    }
  }

  /** Sends the rule's scheduled event to every target now and records the outcome. */
  async fire(ruleArn: string, at: Date, reason: "schedule" | "manual"): Promise<{ event: EventEnvelope; deliveries: DeliveryResult[] } | undefined> {
    const rule = this.store.byArn(ruleArn);
    if (!rule) return undefined;
    // https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-run-lambda-schedule.html
    const event: EventEnvelope = {
      version: "0",
      id: randomUUID(),
      "detail-type": "Scheduled Event",
      source: "aws.events",
      account: rule.accountId,
      time: eventTime(at),
      region: rule.region,
      resources: [rule.Arn],
      detail: {},
    };
    const deliveries = await this.deliverAll(rule, event, reason);
    const current = this.store.byArn(ruleArn);
    if (current) {
      current.fireCount += 1;
      current.lastFire = new Date().toISOString();
      current.lastDeliveries = deliveries;
      this.store.save(current);
    }
    return { event, deliveries };
  }

  /** PutEvents: every enabled pattern rule on the bus that matches gets the event, asynchronously as in AWS. */
  dispatch(scope: { accountId: string; region: string }, bus: string, event: EventEnvelope): number {
    let matched = 0;
    for (const rule of this.store.list(scope, bus)) {
      if (rule.State === "DISABLED" || !rule.EventPattern) continue;
      if (!matchesEventPattern(this.pattern(rule.EventPattern), event)) continue;
      matched++;
      this.track(this.deliverAll(rule, event, "pattern"));
    }
    return matched;
  }

  private pattern(json: string): EventPattern {
    let p = this.patterns.get(json);
    if (!p) {
      p = parseEventPattern(json);
      this.patterns.set(json, p);
    }
    return p;
  }

  private async deliverAll(rule: RuleRecord, event: EventEnvelope, reason: DeliveryLogEntry["reason"]): Promise<DeliveryResult[]> {
    const deliveries = await Promise.all(rule.targets.map((t) => deliver(this.env.api, rule, t, event)));
    for (const d of deliveries) {
      if (!d.ok) this.env.log("events", "target delivery failed", { rule: rule.Arn, target: d.Arn, error: d.error });
    }
    this.log.push({ at: new Date().toISOString(), rule: rule.Arn, eventId: event.id, reason, deliveries });
    if (this.log.length > LOG_LIMIT) this.log.splice(0, this.log.length - LOG_LIMIT);
    return deliveries;
  }

  private track(p: Promise<unknown>): void {
    const guarded = p.catch((e) => this.env.log("events", "delivery crashed", { error: String(e) }));
    this.inFlight.add(guarded);
    guarded.finally(() => this.inFlight.delete(guarded));
  }

  /** Stops every timer and waits (briefly) for deliveries under way. */
  async stop(): Promise<void> {
    this.scheduler.stopAll();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.inFlight]), new Promise((r) => (timer = setTimeout(r, 2000)))]);
    clearTimeout(timer);
  }

  reset(): void {
    this.scheduler.stopAll();
    this.log.length = 0;
    this.patterns.clear();
  }
}
