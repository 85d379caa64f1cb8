import { appMeshResource } from "./appmesh-resource.ts";

export const appmeshVirtualRouter = appMeshResource({ type: "AWS::AppMesh::VirtualRouter", op: "VirtualRouter", nameProperty: "VirtualRouterName" });
