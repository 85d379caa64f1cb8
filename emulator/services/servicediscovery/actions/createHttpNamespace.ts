import type { CreateHttpNamespaceRequest, CreateHttpNamespaceResponse } from "@aws-sdk/client-servicediscovery";
import type { RequestContext } from "../../../core/service.ts";
import type { CloudMapStore } from "../store.ts";
import { createNamespace } from "./createNamespace.ts";

export const createHttpNamespace = (store: CloudMapStore) => (input: CreateHttpNamespaceRequest, ctx: RequestContext) =>
  createNamespace(store, "HTTP", input, ctx) satisfies CreateHttpNamespaceResponse;
