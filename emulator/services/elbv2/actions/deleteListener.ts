import type { DeleteListenerInput, DeleteListenerOutput } from "@aws-sdk/client-elastic-load-balancing-v2";
import type { ElbDeps } from "../deps.ts";

export const deleteListener = ({ store, alb }: ElbDeps) => async (input: DeleteListenerInput) => {
  const l = store.listener(input.ListenerArn ?? "");
  for (const r of store.rulesOf(l.ListenerArn)) store.rules.delete(r.RuleArn);
  store.listeners.delete(l.ListenerArn);
  await alb.closeListener(l.ListenerArn);
  return {} satisfies DeleteListenerOutput;
};
