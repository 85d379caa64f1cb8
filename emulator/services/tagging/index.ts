import * as schemas from "@aws-sdk/client-resource-groups-tagging-api";
import type { RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { getResources } from "./actions/getResources.ts";
import { getTagKeys } from "./actions/getTagKeys.ts";
import { getTagValues } from "./actions/getTagValues.ts";
import { tagResources } from "./actions/tagResources.ts";
import { untagResources } from "./actions/untagResources.ts";
import { createTagStore } from "./store.ts";

export type TagStore = ReturnType<typeof createTagStore>;

export function tagging(env: ServiceEnv): ServiceModule {
  const store = createTagStore(env.state);
  const bind = (fn: (input: any, ctx: RequestContext, store: TagStore) => unknown) => (input: any, ctx: RequestContext) => fn(input, ctx, store);
  return {
    name: "tagging",
    signingNames: ["tagging"],
    targetPrefixes: ["ResourceGroupsTaggingAPI_20170126"],
    protocols: ["json"],
    schemas,
    operations: {
      GetResources: bind(getResources),
      TagResources: bind(tagResources),
      UntagResources: bind(untagResources),
      GetTagKeys: bind(getTagKeys),
      GetTagValues: bind(getTagValues),
    },
    reset: () => env.state.clear("tagging.resources"),
  };
}
