import * as schemas from "@aws-sdk/client-ecr";
import type { RequestContext, ServiceEnv, ServiceModule } from "../../core/service.ts";
import { batchDeleteImage, listImages } from "./actions/images.ts";
import { createRepository, deleteRepository, describeRepositories } from "./actions/repositories.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";
import { createEcrStore, type EcrStore } from "./store.ts";

export function ecr(env: ServiceEnv): ServiceModule {
  const store = createEcrStore(env.state);
  const bind = (fn: (input: any, ctx: RequestContext, store: EcrStore) => unknown) => (input: any, ctx: RequestContext) => fn(input, ctx, store);
  return {
    name: "ecr",
    signingNames: ["ecr"],
    targetPrefixes: ["AmazonEC2ContainerRegistry_V20150921"],
    protocols: ["json"],
    schemas,
    operations: {
      CreateRepository: bind(createRepository),
      DescribeRepositories: bind(describeRepositories),
      DeleteRepository: bind(deleteRepository),
      ListImages: bind(listImages),
      BatchDeleteImage: bind(batchDeleteImage),
      TagResource: bind(tagResource),
      UntagResource: bind(untagResource),
      ListTagsForResource: bind(listTagsForResource),
    },
    reset: () => env.state.clear("ecr.repositories"),
  };
}
