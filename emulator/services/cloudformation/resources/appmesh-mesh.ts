import { appMeshResource } from "./appmesh-resource.ts";

export const appmeshMesh = appMeshResource({ type: "AWS::AppMesh::Mesh", op: "Mesh" });
