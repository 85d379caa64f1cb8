import { randomUUID } from "node:crypto";
import type { CreateEventSourceMappingRequest, EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { resourceConflict } from "../errors.ts";
import { checkQueue, mappingResponse, validateBatch } from "../mappings.ts";
import type { MappingRecord } from "../store.ts";

export async function createEventSourceMapping(input: CreateEventSourceMappingRequest, ctx: RequestContext, lambda: LambdaContext) {
  const fn = lambda.store.get(input.FunctionName, ctx);
  const { fifo } = await checkQueue(input.EventSourceArn, fn, ctx);
  validateBatch(input, fifo);
  const fnArn = fn.config.FunctionArn;
  const dup = [...lambda.store.mappings.values()].find((m) => m.config.EventSourceArn === input.EventSourceArn && m.config.FunctionArn === fnArn);
  if (dup) {
    throw resourceConflict(
      `An event source mapping with SQS arn (" ${input.EventSourceArn} ") and function (" ${fn.config.FunctionName} ") already exists. Please update or delete the existing mapping with UUID ${dup.config.UUID}`,
    );
  }
  const UUID = randomUUID();
  const enabled = input.Enabled ?? true;
  const m: MappingRecord = {
    accountId: ctx.accountId,
    region: ctx.region,
    config: {
      UUID,
      EventSourceMappingArn: `arn:aws:lambda:${ctx.region}:${ctx.accountId}:event-source-mapping:${UUID}`,
      BatchSize: input.BatchSize ?? 10,
      MaximumBatchingWindowInSeconds: input.MaximumBatchingWindowInSeconds ?? 0,
      EventSourceArn: input.EventSourceArn!,
      FunctionArn: fnArn,
      LastModified: Date.now(),
      State: enabled ? "Enabled" : "Disabled",
      StateTransitionReason: "USER_INITIATED",
      LastProcessingResult: "No records processed",
      FunctionResponseTypes: input.FunctionResponseTypes ?? [],
      ...(input.ScalingConfig ? { ScalingConfig: input.ScalingConfig } : {}),
      ...(input.FilterCriteria ? { FilterCriteria: input.FilterCriteria } : {}),
    },
    tags: { ...input.Tags },
  };
  lambda.store.mappings.set(UUID, m);
  if (enabled) lambda.startPoller(UUID);
  // AWS answers "Creating" and reaches "Enabled" moments later.
  return mappingResponse(m, "Creating") satisfies EventSourceMappingConfiguration;
}
