// EventBridge state: rules (with their targets) and tags, keyed by account/region/bus/name.
import type { Tag, Target } from "@aws-sdk/client-eventbridge";
import type { StateDb } from "../../core/state.ts";
import { notFound, validation } from "./errors.ts";

export const DEFAULT_BUS = "default";

export interface DeliveryResult {
  TargetId: string;
  Arn: string;
  ok: boolean;
  error?: string;
}

export interface RuleRecord {
  accountId: string;
  region: string;
  Name: string;
  Arn: string;
  EventBusName: string;
  Description?: string;
  EventPattern?: string;
  ScheduleExpression?: string;
  State: "ENABLED" | "DISABLED" | "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS";
  RoleArn?: string;
  targets: Target[];
  /** ISO time the schedule was (re)armed: rate() counts from here, also across restarts. */
  armedAt: string;
  fireCount: number;
  lastFire?: string;
  lastDeliveries?: DeliveryResult[];
}

interface Scope {
  accountId: string;
  region: string;
}

export class EventsStore {
  readonly rules;
  readonly tags;

  constructor(state: StateDb) {
    this.rules = state.map<RuleRecord>("events.rules");
    this.tags = state.map<Tag[]>("events.tags");
  }

  static key(scope: Scope, bus: string, name: string) {
    return `${scope.accountId}/${scope.region}/${bus}/${name}`;
  }

  static ruleArn(scope: Scope, bus: string, name: string) {
    // Rules on the default bus omit the bus name from the ARN.
    const path = bus === DEFAULT_BUS ? name : `${bus}/${name}`;
    return `arn:aws:events:${scope.region}:${scope.accountId}:rule/${path}`;
  }

  static busArn(scope: Scope, bus: string) {
    return `arn:aws:events:${scope.region}:${scope.accountId}:event-bus/${bus}`;
  }

  /** Only the default bus exists; a name or an ARN may be given. */
  static busName(value: string | undefined): string {
    if (!value) return DEFAULT_BUS;
    const name = value.startsWith("arn:") ? value.split(":event-bus/")[1] ?? "" : value;
    if (name !== DEFAULT_BUS) throw notFound(`Event bus ${name} does not exist.`);
    return name;
  }

  find(scope: Scope, bus: string, name: string): RuleRecord | undefined {
    return this.rules.get(EventsStore.key(scope, bus, name));
  }

  get(scope: Scope, bus: string, name: string): RuleRecord {
    const rule = this.find(scope, bus, name);
    if (!rule) throw notFound(`Rule ${name} does not exist on EventBus ${bus}.`);
    return rule;
  }

  save(rule: RuleRecord): RuleRecord {
    return this.rules.set(EventsStore.key(rule, rule.EventBusName, rule.Name), rule);
  }

  delete(rule: RuleRecord): void {
    this.rules.delete(EventsStore.key(rule, rule.EventBusName, rule.Name));
    this.tags.delete(rule.Arn);
  }

  /** Rules of one bus in one account and region, sorted by name as AWS lists them. */
  list(scope: Scope, bus: string): RuleRecord[] {
    const prefix = EventsStore.key(scope, bus, "");
    return [...this.rules.entries()]
      .filter(([k]) => k.startsWith(prefix))
      .map(([, r]) => r)
      .sort((a, b) => (a.Name < b.Name ? -1 : a.Name > b.Name ? 1 : 0));
  }

  /** A rule's or the default bus's ARN, for the tagging operations. */
  taggable(arn: string | undefined, scope: Scope): string {
    if (!arn) throw validation("1 validation error detected: Value null at 'resourceARN' failed to satisfy constraint: Member must not be null");
    if (arn === EventsStore.busArn(scope, DEFAULT_BUS) || this.byArn(arn)) return arn;
    const name = arn.split("/").pop();
    throw notFound(arn.includes(":rule/") ? `Rule ${name} does not exist on EventBus ${DEFAULT_BUS}.` : `Resource ${arn} does not exist.`);
  }

  byArn(arn: string): RuleRecord | undefined {
    for (const r of this.rules.values()) if (r.Arn === arn) return r;
    return undefined;
  }
}

/** Opaque page tokens: the index of the next item. */
export function paginate<T>(items: T[], limit: number | undefined, token: string | undefined): { page: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, "base64url").toString("utf8")) || 0 : 0;
  const end = limit ? start + limit : items.length;
  return { page: items.slice(start, end), next: end < items.length ? Buffer.from(String(end)).toString("base64url") : undefined };
}
