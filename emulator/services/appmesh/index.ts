// AWS App Mesh (control plane). The mesh data plane in emulator/runtime/mesh applies these
// records to live traffic; App Mesh itself was discontinued on 2026-09-30 and runs only here.
import * as schemas from "@aws-sdk/client-app-mesh";
import type { ServiceModule } from "../../core/service.ts";
import type { MeshDataPlane } from "../../runtime/mesh/data-plane.ts";
import { crudOperations } from "./actions/crud.ts";
import { KINDS } from "./actions/kinds.ts";
import { listTagsForResource, tagResource, untagResource } from "./actions/tags.ts";
import type { AppMeshStore } from "./store.ts";

export function appmesh(store: AppMeshStore, dataPlane: MeshDataPlane): ServiceModule {
  return {
    name: "appmesh",
    signingNames: ["appmesh"],
    protocols: ["restJson"],
    schemas,
    operations: {
      ...Object.assign({}, ...KINDS.map((k) => crudOperations(store, k))),
      TagResource: tagResource(store),
      UntagResource: untagResource(store),
      ListTagsForResource: listTagsForResource(store),
    },
    lab: {
      /** Per edge (source service → destination): rps over 10 s / 60 s, error %, latency percentiles. */
      "GET /mesh/edges": () => dataPlane.edgesView(),
      /** Current routes and weights (App Mesh) and Service Connect names. */
      "GET /mesh/routes": () => dataPlane.routesView(),
      /** Loopback listeners handed to tasks, per source and upstream name. */
      "GET /mesh/listeners": () => dataPlane.listenersView(),
      /** Endpoints behind each virtual node, with outlier-detection state. */
      "GET /mesh/endpoints": () => dataPlane.endpointsView(),
    },
    stop: () => dataPlane.stop(),
    reset: () => dataPlane.reset(),
  };
}
