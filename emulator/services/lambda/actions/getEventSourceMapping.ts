import type { EventSourceMappingConfiguration, GetEventSourceMappingRequest } from "@aws-sdk/client-lambda";
import type { RequestContext } from "../../../core/service.ts";
import type { LambdaContext } from "../context.ts";
import { getMapping, mappingResponse } from "../mappings.ts";

export function getEventSourceMapping(input: GetEventSourceMappingRequest, _ctx: RequestContext, lambda: LambdaContext) {
  return mappingResponse(getMapping(lambda.store, input.UUID)) satisfies EventSourceMappingConfiguration;
}
