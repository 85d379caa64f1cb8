import { appMeshResource } from "./appmesh-resource.ts";

export const appmeshVirtualNode = appMeshResource({ type: "AWS::AppMesh::VirtualNode", op: "VirtualNode", nameProperty: "VirtualNodeName" });
