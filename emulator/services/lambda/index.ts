// Lambda: functions from .zip packages, executed for real by emulator/runtime/lambda, and
// SQS event source mappings. https://docs.aws.amazon.com/lambda/latest/api/welcome.html
import * as schemas from "@aws-sdk/client-lambda";
import type { RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { addPermission } from "./actions/addPermission.ts";
import { createEventSourceMapping } from "./actions/createEventSourceMapping.ts";
import { createFunction } from "./actions/createFunction.ts";
import { deleteEventSourceMapping } from "./actions/deleteEventSourceMapping.ts";
import { deleteFunction } from "./actions/deleteFunction.ts";
import { getEventSourceMapping } from "./actions/getEventSourceMapping.ts";
import { getFunction } from "./actions/getFunction.ts";
import { getFunctionConfiguration } from "./actions/getFunctionConfiguration.ts";
import { getPolicy } from "./actions/getPolicy.ts";
import { invoke } from "./actions/invoke.ts";
import { listEventSourceMappings } from "./actions/listEventSourceMappings.ts";
import { listFunctions } from "./actions/listFunctions.ts";
import { listTags } from "./actions/listTags.ts";
import { removePermission } from "./actions/removePermission.ts";
import { tagResource } from "./actions/tagResource.ts";
import { untagResource } from "./actions/untagResource.ts";
import { updateEventSourceMapping } from "./actions/updateEventSourceMapping.ts";
import { updateFunctionCode } from "./actions/updateFunctionCode.ts";
import { updateFunctionConfiguration } from "./actions/updateFunctionConfiguration.ts";
import { LambdaContext } from "./context.ts";

export function lambda(env: ServiceEnv): ServiceModule {
  const ctx = new LambdaContext(env);
  const op =
    <I, O>(fn: (input: I, rc: RequestContext, lambda: LambdaContext) => O) =>
    (input: I, rc: RequestContext) =>
      fn(input, rc, ctx);
  return {
    name: "lambda",
    signingNames: ["lambda"],
    protocols: ["restJson"],
    schemas,
    operations: {
      CreateFunction: op(createFunction),
      GetFunction: op(getFunction),
      GetFunctionConfiguration: op(getFunctionConfiguration),
      ListFunctions: op(listFunctions),
      UpdateFunctionCode: op(updateFunctionCode),
      UpdateFunctionConfiguration: op(updateFunctionConfiguration),
      DeleteFunction: op(deleteFunction),
      AddPermission: op(addPermission),
      RemovePermission: op(removePermission),
      GetPolicy: op(getPolicy),
      Invoke: op(invoke),
      CreateEventSourceMapping: op(createEventSourceMapping),
      GetEventSourceMapping: op(getEventSourceMapping),
      ListEventSourceMappings: op(listEventSourceMappings),
      UpdateEventSourceMapping: op(updateEventSourceMapping),
      DeleteEventSourceMapping: op(deleteEventSourceMapping),
      TagResource: op(tagResource),
      UntagResource: op(untagResource),
      ListTags: op(listTags),
    },
    ownedPids: () => ctx.pool.list().flatMap((w) => (w.pid === undefined ? [] : [w.pid])),
    lab: {
      /** Live execution environments: pid, function, state, invocations. */
      "GET /lambda/workers": () => ({ workers: ctx.pool.list() }),
      /** GetFunction's Code.Location: the deployment package, base64. */
      "GET /lambda/code/:account/:region/:name": ({ params }) => {
        const rec = ctx.store.get(params.name, { accountId: params.account, region: params.region });
        return { FunctionName: rec.config.FunctionName, CodeSha256: rec.config.CodeSha256, ZipFile: ctx.store.readZip(rec).toString("base64") };
      },
    },
    start: () => ctx.start(),
    stop: () => ctx.stop(),
    reset: () => ctx.reset(),
  };
}
