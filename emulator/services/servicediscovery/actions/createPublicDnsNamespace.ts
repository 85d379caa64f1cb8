import type { CreatePublicDnsNamespaceRequest, CreatePublicDnsNamespaceResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";
import { createNamespace } from "./createNamespace.ts";

export const createPublicDnsNamespace = (store: CloudMapStore) => (input: CreatePublicDnsNamespaceRequest, ctx: RequestContext) =>
  createNamespace(store, "DNS_PUBLIC", input, ctx) satisfies CreatePublicDnsNamespaceResponse;
