// The five AWS::AppMesh types differ only in their names, so one factory builds them.
// Ref is the resource ARN; GetAtt offers Arn, Uid, MeshName, MeshOwner, ResourceOwner and
// the resource's own name. Spec changes update in place (UpdateRoute reweights live traffic).
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/AWS_AppMesh.html
import * as schemas from "@aws-sdk/client-app-mesh";
import { lowerTags, toInput } from "./ecs-platform-props.ts";
import { allTags, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

interface Kind {
  type: string;
  /** Operation suffix and output member: "VirtualNode" / "virtualNode". */
  op: string;
  /** The name property, e.g. "VirtualNodeName"; absent for a mesh (its name is MeshName). */
  nameProperty?: string;
  parentRouter?: boolean;
}

/** mesh/M[/virtualRouter/R]/kind/N from the ARN, for updates and deletes. */
function namesFromArn(arn: string) {
  const parts = arn.split(":").slice(5).join(":").split("/");
  return { meshName: parts[1], virtualRouterName: parts[2] === "virtualRouter" ? parts[3] : undefined, name: parts.at(-1)! };
}

export function appMeshResource(kind: Kind): ResourceModule {
  const field = kind.op[0].toLowerCase() + kind.op.slice(1);
  const idFields = (props: Record<string, any>, name: string) => ({
    meshName: props.MeshName,
    ...(kind.parentRouter ? { virtualRouterName: props.VirtualRouterName } : {}),
    ...(kind.nameProperty ? { [`${field}Name`]: name } : {}),
  });
  const result = (data: any) => {
    const arn = data.metadata.arn as string;
    const attributes: Record<string, unknown> = {
      Arn: arn,
      Uid: data.metadata.uid,
      MeshName: data.meshName,
      MeshOwner: data.metadata.meshOwner,
      ResourceOwner: data.metadata.resourceOwner,
    };
    if (kind.nameProperty) attributes[kind.nameProperty] = data[`${field}Name`];
    if (kind.parentRouter) attributes.VirtualRouterName = data.virtualRouterName;
    return { physicalId: arn, arn, attributes };
  };
  const spec = (props: Record<string, any>) => (props.Spec === undefined ? undefined : toInput(schemas, `Create${kind.op}`, { Spec: props.Spec }).spec);
  return {
    type: kind.type,
    replaceOn: ["MeshName", "MeshOwner", ...(kind.nameProperty ? [kind.nameProperty] : []), ...(kind.parentRouter ? ["VirtualRouterName"] : [])],
    nameProperty: kind.nameProperty ?? "MeshName",
    properties: ["MeshName", "MeshOwner", "Spec", "Tags", ...(kind.nameProperty ? [kind.nameProperty] : []), ...(kind.parentRouter ? ["VirtualRouterName"] : [])],
    async create(props, ctx: ResourceContext) {
      const name = (kind.nameProperty ? props[kind.nameProperty] : props.MeshName) ?? ctx.physicalName({ maxLength: 255 });
      const ids = kind.nameProperty ? idFields(props, name) : { meshName: name };
      const out = await ctx.api.call("appmesh", `Create${kind.op}`, { ...ids, spec: spec(props), tags: lowerTags(allTags(props, ctx)) });
      return result(out[field]);
    },
    async update(arn, props, _old, ctx) {
      const n = namesFromArn(arn);
      const ids = kind.nameProperty ? { ...idFields({ ...props, MeshName: n.meshName, VirtualRouterName: n.virtualRouterName }, n.name) } : { meshName: n.meshName };
      const out = await ctx.api.call("appmesh", `Update${kind.op}`, { ...ids, spec: spec(props) ?? {} });
      return result(out[field]);
    },
    async delete(arn, _props, ctx) {
      const n = namesFromArn(arn);
      const ids = kind.nameProperty ? idFields({ MeshName: n.meshName, VirtualRouterName: n.virtualRouterName }, n.name) : { meshName: n.meshName };
      await ctx.api.call("appmesh", `Delete${kind.op}`, ids).catch(ignoreNotFound);
    },
  };
}
