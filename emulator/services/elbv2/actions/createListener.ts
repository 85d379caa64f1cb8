// The listener opens a real port on 127.0.0.1. HTTPS listeners are accepted but served as
// plain HTTP locally (no certificates here).
import type { CreateListenerInput, CreateListenerOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { hex16, listenerOutput } from "../store.ts";
import { checkActions, checkPort, validation } from "../validate.ts";

export const createListener = ({ store, alb }: ElbDeps) => async (input: CreateListenerInput, ctx: RequestContext) => {
  const lb = store.loadBalancer(input.LoadBalancerArn ?? "");
  const port = checkPort(input.Port);
  const protocol = input.Protocol ?? "HTTP";
  if (protocol !== "HTTP" && protocol !== "HTTPS") throw validation(`Protocol '${protocol}' is not valid for an application load balancer`);
  const actions = checkActions(store, ctx, input.DefaultActions, "DefaultActions");
  const same = store.listenersOf(lb.LoadBalancerArn).find((l) => l.Port === port);
  if (same) throw new AwsError("DuplicateListener", "A listener already exists on this port for this load balancer", 400);
  const other = [...store.listeners.values()].find((l) => l.Port === port);
  if (other) throw new AwsError("InvalidConfigurationRequest", `Port ${port} on 127.0.0.1 is already used by the listener ${other.ListenerArn} of another local load balancer`, 400);
  const lbPath = lb.LoadBalancerArn.split(":loadbalancer/")[1];
  const arn = `arn:aws:elasticloadbalancing:${ctx.region}:${ctx.accountId}:listener/${lbPath}/${hex16()}`;
  const rec = {
    accountId: ctx.accountId,
    region: ctx.region,
    ListenerArn: arn,
    LoadBalancerArn: lb.LoadBalancerArn,
    Port: port,
    Protocol: protocol,
    DefaultActions: actions,
    Certificates: input.Certificates,
    SslPolicy: input.SslPolicy,
    Tags: input.Tags ?? [],
  };
  await alb.openListener(rec);
  store.listeners.set(arn, rec);
  for (const tgArn of actions.flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)])) {
    if (tgArn) alb.syncTargets(store.targetGroup(tgArn));
  }
  return { Listeners: [listenerOutput(rec)] } satisfies CreateListenerOutput;
};
