// AWS Cloud Map (service discovery): namespaces, services, instances. Every mutation
// completes at once; its OperationId answers GetOperation with SUCCESS.
import * as schemas from "@aws-sdk/client-servicediscovery";
import type { ServiceModule } from "../../core/service.ts";
import { createHttpNamespace } from "./actions/createHttpNamespace.ts";
import { createPrivateDnsNamespace } from "./actions/createPrivateDnsNamespace.ts";
import { createPublicDnsNamespace } from "./actions/createPublicDnsNamespace.ts";
import { createService } from "./actions/createService.ts";
import { deleteNamespace } from "./actions/deleteNamespace.ts";
import { deleteService } from "./actions/deleteService.ts";
import { deregisterInstance } from "./actions/deregisterInstance.ts";
import { discoverInstances } from "./actions/discoverInstances.ts";
import { getInstance } from "./actions/getInstance.ts";
import { getNamespace } from "./actions/getNamespace.ts";
import { getOperation } from "./actions/getOperation.ts";
import { getService } from "./actions/getService.ts";
import { listInstances } from "./actions/listInstances.ts";
import { listNamespaces } from "./actions/listNamespaces.ts";
import { listServices } from "./actions/listServices.ts";
import { registerInstance } from "./actions/registerInstance.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";
import type { CloudMapStore } from "./store.ts";

export function servicediscovery(store: CloudMapStore): ServiceModule {
  return {
    name: "servicediscovery",
    signingNames: ["servicediscovery"],
    targetPrefixes: ["Route53AutoNaming_v20170314"],
    protocols: ["json"],
    schemas,
    operations: {
      CreatePrivateDnsNamespace: createPrivateDnsNamespace(store),
      CreatePublicDnsNamespace: createPublicDnsNamespace(store),
      CreateHttpNamespace: createHttpNamespace(store),
      GetNamespace: getNamespace(store),
      ListNamespaces: listNamespaces(store),
      DeleteNamespace: deleteNamespace(store),
      GetOperation: getOperation(store),
      CreateService: createService(store),
      GetService: getService(store),
      ListServices: listServices(store),
      DeleteService: deleteService(store),
      RegisterInstance: registerInstance(store),
      DeregisterInstance: deregisterInstance(store),
      GetInstance: getInstance(store),
      ListInstances: listInstances(store),
      DiscoverInstances: discoverInstances(store),
      TagResource: tagResource(store),
      UntagResource: untagResource(store),
      ListTagsForResource: listTagsForResource(store),
    },
  };
}
