// ELBv2 records: load balancers, target groups (with their registered targets), listeners
// and rules. Target health is runtime state held by emulator/runtime/alb.
import { randomBytes } from "node:crypto";
import type { Action, RuleCondition, Tag } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../core/errors.ts";
import type { StateDb } from "../../core/state.ts";

export interface Scope {
  accountId: string;
  region: string;
}

export interface LoadBalancerRecord extends Scope {
  LoadBalancerArn: string;
  LoadBalancerName: string;
  DNSName: string;
  Scheme: "internet-facing" | "internal";
  Type: "application" | "network" | "gateway";
  IpAddressType: string;
  VpcId: string;
  Subnets: string[];
  SecurityGroups: string[];
  CreatedTime: number;
  Tags: Tag[];
  Attributes: Record<string, string>;
}

export interface HealthCheckSettings {
  Protocol: string;
  Port: string;
  Enabled: boolean;
  IntervalSeconds: number;
  TimeoutSeconds: number;
  HealthyThresholdCount: number;
  UnhealthyThresholdCount: number;
  Path: string;
  Matcher: string;
}

export interface TargetRecord {
  Id: string;
  Port: number;
  AvailabilityZone?: string;
}

export interface TargetGroupRecord extends Scope {
  TargetGroupArn: string;
  TargetGroupName: string;
  Protocol: string;
  ProtocolVersion: string;
  Port?: number;
  VpcId?: string;
  TargetType: "instance" | "ip" | "lambda" | "alb";
  IpAddressType: string;
  HealthCheck: HealthCheckSettings;
  Targets: TargetRecord[];
  Tags: Tag[];
  Attributes: Record<string, string>;
}

export interface ListenerRecord extends Scope {
  ListenerArn: string;
  LoadBalancerArn: string;
  Port: number;
  Protocol: string;
  DefaultActions: Action[];
  Certificates?: { CertificateArn?: string }[];
  SslPolicy?: string;
  Tags: Tag[];
}

export interface RuleRecord extends Scope {
  RuleArn: string;
  ListenerArn: string;
  Priority: number;
  Conditions: RuleCondition[];
  Actions: Action[];
  Tags: Tag[];
}

export const hex16 = () => randomBytes(8).toString("hex");

export const TARGET_GROUP_DEFAULT_ATTRIBUTES: Record<string, string> = {
  "deregistration_delay.timeout_seconds": "300",
  "stickiness.enabled": "false",
  "stickiness.type": "lb_cookie",
  "load_balancing.algorithm.type": "round_robin",
  "slow_start.duration_seconds": "0",
};

export const LOAD_BALANCER_DEFAULT_ATTRIBUTES: Record<string, string> = {
  "idle_timeout.timeout_seconds": "60",
  "deletion_protection.enabled": "false",
  "routing.http2.enabled": "true",
  "access_logs.s3.enabled": "false",
};

export class ElbStore {
  readonly loadBalancers;
  readonly targetGroups;
  readonly listeners;
  readonly rules;

  constructor(state: StateDb) {
    this.loadBalancers = state.map<LoadBalancerRecord>("elbv2.loadBalancers");
    this.targetGroups = state.map<TargetGroupRecord>("elbv2.targetGroups");
    this.listeners = state.map<ListenerRecord>("elbv2.listeners");
    this.rules = state.map<RuleRecord>("elbv2.rules");
  }

  loadBalancer(arn: string): LoadBalancerRecord {
    const lb = this.loadBalancers.get(arn);
    if (!lb) throw new AwsError("LoadBalancerNotFound", `One or more load balancers not found: ${arn}`, 400);
    return lb;
  }

  targetGroup(arn: string): TargetGroupRecord {
    const tg = this.targetGroups.get(arn);
    if (!tg) throw new AwsError("TargetGroupNotFound", `One or more target groups not found: ${arn}`, 400);
    return tg;
  }

  listener(arn: string): ListenerRecord {
    const l = this.listeners.get(arn);
    if (!l) throw new AwsError("ListenerNotFound", `One or more listeners not found: ${arn}`, 400);
    return l;
  }

  rule(arn: string): RuleRecord {
    const r = this.rules.get(arn);
    if (!r) throw new AwsError("RuleNotFound", `One or more rules not found: ${arn}`, 400);
    return r;
  }

  inScope<T extends Scope>(values: Iterable<T>, s: Scope): T[] {
    return [...values].filter((v) => v.accountId === s.accountId && v.region === s.region);
  }

  listenersOf(lbArn: string) {
    return [...this.listeners.values()].filter((l) => l.LoadBalancerArn === lbArn);
  }

  rulesOf(listenerArn: string) {
    return [...this.rules.values()].filter((r) => r.ListenerArn === listenerArn).sort((a, b) => a.Priority - b.Priority);
  }

  /** The load balancers whose listeners or rules forward to this target group. */
  loadBalancerArnsOf(tgArn: string): string[] {
    const out = new Set<string>();
    for (const l of this.listeners.values()) {
      const actions = [...l.DefaultActions, ...this.rulesOf(l.ListenerArn).flatMap((r) => r.Actions)];
      if (actions.some((a) => targetGroupArnsOf(a).includes(tgArn))) out.add(l.LoadBalancerArn);
    }
    return [...out];
  }

  /** Every ARN that carries tags, for AddTags/RemoveTags/DescribeTags. */
  taggable(arn: string): { Tags: Tag[] } {
    const r = this.loadBalancers.get(arn) ?? this.targetGroups.get(arn) ?? this.listeners.get(arn) ?? this.rules.get(arn);
    if (r) return r;
    if (arn.includes(":targetgroup/")) throw new AwsError("TargetGroupNotFound", `Target group not found: ${arn}`, 400);
    if (arn.includes(":listener/")) throw new AwsError("ListenerNotFound", `Listener not found: ${arn}`, 400);
    if (arn.includes(":listener-rule/")) throw new AwsError("RuleNotFound", `Rule not found: ${arn}`, 400);
    throw new AwsError("LoadBalancerNotFound", `Load balancer not found: ${arn}`, 400);
  }

  saveTaggable(arn: string, r: { Tags: Tag[] }) {
    for (const m of [this.loadBalancers, this.targetGroups, this.listeners, this.rules] as const) {
      if (m.has(arn)) (m as any).set(arn, r);
    }
  }
}

export function targetGroupArnsOf(a: Action): string[] {
  const arns = a.TargetGroupArn ? [a.TargetGroupArn] : [];
  for (const t of a.ForwardConfig?.TargetGroups ?? []) if (t.TargetGroupArn) arns.push(t.TargetGroupArn);
  return arns;
}

export const loadBalancerOutput = (lb: LoadBalancerRecord) => ({
  LoadBalancerArn: lb.LoadBalancerArn,
  DNSName: lb.DNSName,
  CanonicalHostedZoneId: "Z35SXDOTRQ7X7K",
  CreatedTime: new Date(lb.CreatedTime),
  LoadBalancerName: lb.LoadBalancerName,
  Scheme: lb.Scheme,
  VpcId: lb.VpcId,
  State: { Code: "active" as const },
  Type: lb.Type,
  AvailabilityZones: lb.Subnets.map((s, i) => ({ SubnetId: s, ZoneName: `${lb.region}${"abcdef"[i % 6]}` })),
  SecurityGroups: lb.SecurityGroups,
  IpAddressType: lb.IpAddressType as any,
});

export const targetGroupOutput = (store: ElbStore, tg: TargetGroupRecord) => ({
  TargetGroupArn: tg.TargetGroupArn,
  TargetGroupName: tg.TargetGroupName,
  Protocol: tg.Protocol as any,
  ProtocolVersion: tg.ProtocolVersion,
  Port: tg.Port,
  VpcId: tg.VpcId,
  HealthCheckProtocol: tg.HealthCheck.Protocol as any,
  HealthCheckPort: tg.HealthCheck.Port,
  HealthCheckEnabled: tg.HealthCheck.Enabled,
  HealthCheckIntervalSeconds: tg.HealthCheck.IntervalSeconds,
  HealthCheckTimeoutSeconds: tg.HealthCheck.TimeoutSeconds,
  HealthyThresholdCount: tg.HealthCheck.HealthyThresholdCount,
  UnhealthyThresholdCount: tg.HealthCheck.UnhealthyThresholdCount,
  HealthCheckPath: tg.HealthCheck.Path,
  Matcher: { HttpCode: tg.HealthCheck.Matcher },
  LoadBalancerArns: store.loadBalancerArnsOf(tg.TargetGroupArn),
  TargetType: tg.TargetType,
  IpAddressType: tg.IpAddressType as any,
});

export const listenerOutput = (l: ListenerRecord) => ({
  ListenerArn: l.ListenerArn,
  LoadBalancerArn: l.LoadBalancerArn,
  Port: l.Port,
  Protocol: l.Protocol as any,
  DefaultActions: l.DefaultActions,
  Certificates: l.Certificates,
  SslPolicy: l.SslPolicy,
});

export const ruleOutput = (r: RuleRecord) => ({
  RuleArn: r.RuleArn,
  Priority: String(r.Priority),
  Conditions: r.Conditions,
  Actions: r.Actions,
  IsDefault: false,
});

export const defaultRuleOutput = (l: ListenerRecord) => ({
  RuleArn: l.ListenerArn.replace(":listener/", ":listener-rule/") + "/default",
  Priority: "default",
  Conditions: [],
  Actions: l.DefaultActions,
  IsDefault: true,
});
