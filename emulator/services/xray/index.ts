// X-Ray: segments in, traces, summaries and the service graph out. restJson, signing name "xray".
import * as schemas from "@aws-sdk/client-xray";
import type { Operation, RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { batchGetTraces } from "./actions/batchGetTraces.ts";
import { getSamplingRules } from "./actions/getSamplingRules.ts";
import { getSamplingTargets } from "./actions/getSamplingTargets.ts";
import { getServiceGraph } from "./actions/getServiceGraph.ts";
import { getTraceGraph } from "./actions/getTraceGraph.ts";
import { getTraceSummaries } from "./actions/getTraceSummaries.ts";
import { putTelemetryRecords } from "./actions/putTelemetryRecords.ts";
import { putTraceSegments } from "./actions/putTraceSegments.ts";
import { TraceStore } from "./store.ts";

export function xray(env: ServiceEnv): ServiceModule {
  const store = new TraceStore(env.state);
  const bind =
    <I>(op: (input: I, ctx: RequestContext, store: TraceStore) => unknown): Operation<I> =>
    (input, ctx) =>
      op(input, ctx, store);
  return {
    name: "xray",
    signingNames: ["xray"],
    protocols: ["restJson"],
    schemas,
    operations: {
      PutTraceSegments: bind(putTraceSegments),
      GetTraceSummaries: bind(getTraceSummaries),
      BatchGetTraces: bind(batchGetTraces),
      GetServiceGraph: bind(getServiceGraph),
      GetTraceGraph: bind(getTraceGraph),
      PutTelemetryRecords: putTelemetryRecords,
      GetSamplingRules: getSamplingRules,
      GetSamplingTargets: getSamplingTargets,
    },
    reset: () => {
      store.clear();
      env.state.clear("xray.traces");
    },
  };
}
