import { appMeshResource } from "./appmesh-resource.ts";

export const appmeshRoute = appMeshResource({ type: "AWS::AppMesh::Route", op: "Route", nameProperty: "RouteName", parentRouter: true });
