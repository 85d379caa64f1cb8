import * as schemas from "@aws-sdk/client-cloudformation";
import type { Operation, RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { createChangeSet } from "./actions/createChangeSet.ts";
import { createStack } from "./actions/createStack.ts";
import { deleteChangeSet } from "./actions/deleteChangeSet.ts";
import { deleteStack } from "./actions/deleteStack.ts";
import { describeChangeSet } from "./actions/describeChangeSet.ts";
import { describeStackEvents } from "./actions/describeStackEvents.ts";
import { describeStackResource } from "./actions/describeStackResource.ts";
import { describeStackResources } from "./actions/describeStackResources.ts";
import { describeStacks } from "./actions/describeStacks.ts";
import { executeChangeSet } from "./actions/executeChangeSet.ts";
import { getTemplate } from "./actions/getTemplate.ts";
import { getTemplateSummary } from "./actions/getTemplateSummary.ts";
import { listChangeSets } from "./actions/listChangeSets.ts";
import { listExports, listImports } from "./actions/listExports.ts";
import { listStackResources } from "./actions/listStackResources.ts";
import { listStacks } from "./actions/listStacks.ts";
import { updateStack } from "./actions/updateStack.ts";
import { validateTemplate } from "./actions/validateTemplate.ts";
import { contextFor, type Engine, recoverStack } from "./engine/runner.ts";
import { isInProgress } from "./engine/status.ts";
import { RESOURCE_MODULES } from "./resources/index.ts";
import type { Cfn } from "./stacks.ts";
import { clearStore, createStore, type StackRecord } from "./store.ts";

type CfnAction = (input: any, ctx: RequestContext, cfn: Cfn) => unknown;

export function cloudformation(env: ServiceEnv): ServiceModule {
  const store = createStore(env.state);
  const engine: Engine = {
    store,
    api: env.api,
    selfUrl: env.selfUrl,
    modules: RESOURCE_MODULES,
    log: (message, extra) => env.log("cloudformation", message, extra),
  };
  const running = new Map<string, Promise<void>>();
  const cfn: Cfn = {
    env,
    store,
    engine,
    modules: RESOURCE_MODULES,
    run(stackId, op) {
      const p = op()
        .catch((e) => env.log("cloudformation", "stack operation crashed", { stackId, error: (e as Error).stack }))
        .finally(() => running.delete(stackId));
      running.set(stackId, p);
    },
  };
  const bind = (action: CfnAction): Operation => (input, ctx) => action(input, ctx, cfn);
  const settle = () => Promise.all(running.values());
  let startTimer: NodeJS.Timeout | undefined;

  return {
    name: "cloudformation",
    signingNames: ["cloudformation"],
    protocols: ["query"],
    xmlNamespace: "http://cloudformation.amazonaws.com/doc/2010-05-15/",
    schemas,
    operations: {
      CreateStack: bind(createStack),
      UpdateStack: bind(updateStack),
      DeleteStack: bind(deleteStack),
      DescribeStacks: bind(describeStacks),
      ListStacks: bind(listStacks),
      DescribeStackEvents: bind(describeStackEvents),
      DescribeStackResource: bind(describeStackResource),
      DescribeStackResources: bind(describeStackResources),
      ListStackResources: bind(listStackResources),
      GetTemplate: bind(getTemplate),
      GetTemplateSummary: bind(getTemplateSummary),
      ValidateTemplate: bind(validateTemplate),
      ListExports: bind(listExports),
      ListImports: bind(listImports),
      CreateChangeSet: bind(createChangeSet),
      DescribeChangeSet: bind(describeChangeSet),
      ExecuteChangeSet: bind(executeChangeSet),
      DeleteChangeSet: bind(deleteChangeSet),
      ListChangeSets: bind(listChangeSets),
    },
    start() {
      // After a restart: finish interrupted operations, then let modules with a `resume` hook
      // rebuild runtime state. Deferred so every service in the registry has started first.
      startTimer = setTimeout(() => {
        for (const stack of store.stacks.values()) {
          if (isInProgress(stack.StackStatus) && stack.StackStatus !== "REVIEW_IN_PROGRESS") cfn.run(stack.StackId, () => recoverStack(engine, stack));
          else if (stack.StackStatus !== "DELETE_COMPLETE") cfn.run(stack.StackId, () => resumeResources(engine, stack));
        }
      }, 0);
    },
    async stop() {
      clearTimeout(startTimer);
      await settle();
    },
    async reset() {
      clearTimeout(startTimer);
      await settle();
      clearStore(env.state);
    },
    lab: {
      "GET /cloudformation/stacks": () => [...store.stacks.values()].map((s) => ({ StackName: s.StackName, StackId: s.StackId, StackStatus: s.StackStatus, resources: Object.keys(s.resources).length })),
    },
  };
}

async function resumeResources(engine: Engine, stack: StackRecord) {
  for (const r of Object.values(stack.resources)) {
    const mod = engine.modules.get(r.ResourceType);
    if (!mod?.resume || !r.PhysicalResourceId || !["CREATE_COMPLETE", "UPDATE_COMPLETE"].includes(r.ResourceStatus)) continue;
    try {
      await mod.resume(r.PhysicalResourceId, r.props, contextFor(engine, stack, r.LogicalResourceId), r.attributes);
    } catch (e) {
      engine.log("resume failed", { stack: stack.StackName, logicalId: r.LogicalResourceId, error: (e as Error).message });
    }
  }
}
