// Defaults per https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html
import type { CreateTargetGroupInput, CreateTargetGroupOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { type HealthCheckSettings, hex16, TARGET_GROUP_DEFAULT_ATTRIBUTES, targetGroupOutput } from "../store.ts";
import { checkName, checkPort, validation } from "../validate.ts";

/** Health-check settings from Create/ModifyTargetGroup input, over the current or default ones. */
export function healthCheckFrom(input: Partial<CreateTargetGroupInput>, base: HealthCheckSettings): HealthCheckSettings {
  const hc: HealthCheckSettings = {
    Protocol: input.HealthCheckProtocol ?? base.Protocol,
    Port: input.HealthCheckPort ?? base.Port,
    Enabled: input.HealthCheckEnabled ?? base.Enabled,
    IntervalSeconds: input.HealthCheckIntervalSeconds ?? base.IntervalSeconds,
    TimeoutSeconds: input.HealthCheckTimeoutSeconds ?? base.TimeoutSeconds,
    HealthyThresholdCount: input.HealthyThresholdCount ?? base.HealthyThresholdCount,
    UnhealthyThresholdCount: input.UnhealthyThresholdCount ?? base.UnhealthyThresholdCount,
    Path: input.HealthCheckPath ?? base.Path,
    Matcher: input.Matcher?.HttpCode ?? base.Matcher,
  };
  if (hc.IntervalSeconds < 5 || hc.IntervalSeconds > 300) throw validation("Health check interval must be between 5 and 300 seconds");
  if (hc.TimeoutSeconds < 2 || hc.TimeoutSeconds > 120) throw validation("Health check timeout must be between 2 and 120 seconds");
  if (hc.TimeoutSeconds >= hc.IntervalSeconds) throw validation("Health check interval must be greater than the timeout.");
  for (const [k, v] of [["Healthy", hc.HealthyThresholdCount], ["Unhealthy", hc.UnhealthyThresholdCount]] as const) {
    if (v < 2 || v > 10) throw validation(`${k} threshold count must be between 2 and 10`);
  }
  if (!hc.Path.startsWith("/")) throw validation("Health check path must begin with '/'");
  if (!/^\d{3}((-\d{3})|(,\d{3})*)$/.test(hc.Matcher)) throw validation(`Invalid matcher HttpCode '${hc.Matcher}'`);
  if (hc.Port !== "traffic-port" && !(Number(hc.Port) >= 1 && Number(hc.Port) <= 65535)) throw validation("Health check port must be 'traffic-port' or 1-65535");
  return hc;
}

/** https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateTargetGroup.html */
const PROTOCOLS = ["HTTP", "HTTPS", "TCP", "TLS", "UDP", "TCP_UDP", "GENEVE"];

export const createTargetGroup = ({ store }: ElbDeps) => (input: CreateTargetGroupInput, ctx: RequestContext) => {
  checkName("Target group", input.Name);
  const targetType = input.TargetType ?? "instance";
  if (targetType !== "lambda" && (!input.Protocol || input.Port === undefined)) throw validation("A protocol and a port must be specified");
  if (targetType !== "lambda") checkPort(input.Port);
  const protocol = input.Protocol ?? "HTTP";
  if (!PROTOCOLS.includes(protocol)) throw validation(`1 validation error detected: Value '${protocol}' at 'protocol' failed to satisfy constraint: Member must satisfy enum value set: [${PROTOCOLS.join(", ")}]`);
  const hc = healthCheckFrom(input, {
    Protocol: protocol === "HTTPS" ? "HTTPS" : "HTTP",
    Port: "traffic-port",
    Enabled: true,
    IntervalSeconds: 30,
    TimeoutSeconds: 5,
    HealthyThresholdCount: 5,
    UnhealthyThresholdCount: 2,
    Path: "/",
    Matcher: "200",
  });
  const existing = store.inScope(store.targetGroups.values(), ctx).find((t) => t.TargetGroupName === input.Name);
  if (existing) {
    if (existing.Port === input.Port && existing.Protocol === protocol && existing.TargetType === targetType) {
      return { TargetGroups: [targetGroupOutput(store, existing)] };
    }
    throw new AwsError("DuplicateTargetGroupName", `A target group with the same name '${input.Name}' exists, but with different settings`, 400);
  }
  const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.accountId}:targetgroup/${input.Name}/${hex16()}`;
  const tg = store.targetGroups.set(arn, {
    accountId: ctx.accountId,
    region: ctx.region,
    TargetGroupArn: arn,
    TargetGroupName: input.Name!,
    Protocol: protocol,
    ProtocolVersion: input.ProtocolVersion ?? "HTTP1",
    Port: input.Port,
    VpcId: input.VpcId,
    TargetType: targetType,
    IpAddressType: input.IpAddressType ?? "ipv4",
    HealthCheck: hc,
    Targets: [],
    Tags: input.Tags ?? [],
    Attributes: { ...TARGET_GROUP_DEFAULT_ATTRIBUTES },
  });
  return { TargetGroups: [targetGroupOutput(store, tg)] } satisfies CreateTargetGroupOutput;
};
