import type { DeleteEventSourceMappingRequest, EventSourceMappingConfiguration } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { getMapping, mappingResponse } from "../mappings.ts";

export async function deleteEventSourceMapping(input: DeleteEventSourceMappingRequest, _ctx: RequestContext, lambda: LambdaContext) {
  const m = getMapping(lambda.store, input.UUID);
  lambda.store.mappings.delete(m.config.UUID);
  await lambda.stopPoller(m.config.UUID);
  return mappingResponse(m, "Deleting") satisfies EventSourceMappingConfiguration;
}
