import type { ModifyListenerInput, ModifyListenerOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import { AwsError } from "../../../core/errors.ts";
import type { RequestContext } from "../../../core/service.ts";
import type { ElbDeps } from "../deps.ts";
import { listenerOutput } from "../store.ts";
import { checkActions, checkPort } from "../validate.ts";

export const modifyListener = ({ store, alb }: ElbDeps) => async (input: ModifyListenerInput, ctx: RequestContext) => {
  const l = store.listener(input.ListenerArn ?? "");
  if (input.DefaultActions) l.DefaultActions = checkActions(store, ctx, input.DefaultActions, "DefaultActions");
  if (input.Port !== undefined && input.Port !== l.Port) {
    const port = checkPort(input.Port);
    if (store.listenersOf(l.LoadBalancerArn).some((x) => x.Port === port)) {
      throw new AwsError("DuplicateListener", "A listener already exists on this port for this load balancer", 400);
    }
    const moved = { ...l, Port: port };
    await alb.closeListener(l.ListenerArn);
    try {
      await alb.openListener(moved);
    } catch (e) {
      await alb.openListener(l).catch(() => undefined);
      throw e;
    }
    l.Port = port;
  }
  if (input.Protocol) l.Protocol = input.Protocol;
  store.listeners.set(l.ListenerArn, l);
  return { Listeners: [listenerOutput(l)] } satisfies ModifyListenerOutput;
};
