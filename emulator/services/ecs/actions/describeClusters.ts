import type { DescribeClustersRequest, DescribeClustersResponse } from "@aws-sdk/client-ecs";
import type { RequestContext } from "../../../core/service.ts";
import { scopedKey } from "../../../core/state.ts";
import type { EcsDeps } from "../deps.ts";
import { clusterOutput } from "../output.ts";
import { clusterNameOf } from "../store.ts";

// Unknown clusters come back as failures with reason MISSING, not as an error.
export const describeClusters = ({ store }: EcsDeps) => (input: DescribeClustersRequest, ctx: RequestContext) => {
  const refs = input.clusters?.length ? input.clusters : ["default"];
  const out: DescribeClustersResponse = { clusters: [], failures: [] };
  for (const ref of refs) {
    const c = store.clusters.get(scopedKey(ctx, clusterNameOf(ref)));
    if (c) out.clusters!.push(clusterOutput(store, c, input.include ?? []));
    else out.failures!.push({ arn: ref.includes(":") ? ref : `arn:aws:ecs:${ctx.region}:${ctx.accountId}:cluster/${ref}`, reason: "MISSING" });
  }
  return out;
};
