import type { EventSourceMappingConfiguration, UpdateEventSourceMappingRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { getMapping, mappingResponse, validateBatch } from "../mappings.ts";

export async function updateEventSourceMapping(input: UpdateEventSourceMappingRequest, ctx: RequestContext, lambda: LambdaContext) {
  const m = getMapping(lambda.store, input.UUID);
  const c = m.config;
  const next = {
    BatchSize: input.BatchSize ?? c.BatchSize,
    MaximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? c.MaximumBatchingWindowInSeconds,
    FunctionResponseTypes: input.FunctionResponseTypes ?? c.FunctionResponseTypes,
  };
  validateBatch(next, c.EventSourceArn.endsWith(".fifo"));
  if (input.FunctionName) c.FunctionArn = lambda.store.get(input.FunctionName, ctx).config.FunctionArn;
  Object.assign(c, next, { LastModified: Date.now() });
  if (input.ScalingConfig) c.ScalingConfig = input.ScalingConfig;
  if (input.FilterCriteria) c.FilterCriteria = input.FilterCriteria;
  let transition = "Updating";
  if (input.Enabled !== undefined && input.Enabled !== (c.State === "Enabled")) {
    transition = input.Enabled ? "Enabling" : "Disabling";
    c.State = input.Enabled ? "Enabled" : "Disabled";
    c.StateTransitionReason = "USER_INITIATED";
  }
  lambda.store.mappings.set(c.UUID, m);
  if (c.State === "Enabled") lambda.startPoller(c.UUID);
  else await lambda.stopPoller(c.UUID);
  return mappingResponse(m, transition) satisfies EventSourceMappingConfiguration;
}
