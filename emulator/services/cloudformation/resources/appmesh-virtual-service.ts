import { appMeshResource } from "./appmesh-resource.ts";

export const appmeshVirtualService = appMeshResource({ type: "AWS::AppMesh::VirtualService", op: "VirtualService", nameProperty: "VirtualServiceName" });
