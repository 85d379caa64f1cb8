// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
import { allTags, bool, ignoreNotFound, num, tagMap } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

const settings = (p: any) => ({
  FunctionName: p.FunctionName,
  BatchSize: num(p.BatchSize),
  Enabled: bool(p.Enabled),
  MaximumBatchingWindowInSeconds: num(p.MaximumBatchingWindowInSeconds),
  FunctionResponseTypes: p.FunctionResponseTypes,
  FilterCriteria: p.FilterCriteria,
  ScalingConfig: p.ScalingConfig,
});

const result = (m: any) => ({ physicalId: m.UUID, arn: m.EventSourceMappingArn, attributes: { Id: m.UUID, EventSourceMappingArn: m.EventSourceMappingArn } });

export const lambdaEventSourceMapping: ResourceModule = {
  type: "AWS::Lambda::EventSourceMapping",
  replaceOn: ["EventSourceArn", "StartingPosition"],
  properties: ["EventSourceArn", "FunctionName", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria", "ScalingConfig", "StartingPosition", "Tags"],
  async create(props, ctx) {
    return result(await ctx.api.call("lambda", "CreateEventSourceMapping", { EventSourceArn: props.EventSourceArn, StartingPosition: props.StartingPosition, ...settings(props), Tags: tagMap(allTags(props, ctx)) }));
  },
  async update(uuid, props, old, ctx) {
    const mapping = await ctx.api.call("lambda", "UpdateEventSourceMapping", { UUID: uuid, ...settings(props) });
    const tags = tagMap(allTags(props, ctx));
    const gone = Object.keys(tagMap(allTags(old, ctx))).filter((k) => !(k in tags));
    if (gone.length) await ctx.api.call("lambda", "UntagResource", { Resource: mapping.EventSourceMappingArn, TagKeys: gone });
    await ctx.api.call("lambda", "TagResource", { Resource: mapping.EventSourceMappingArn, Tags: tags });
    return result(mapping);
  },
  async delete(uuid, _props, ctx) {
    await ctx.api.call("lambda", "DeleteEventSourceMapping", { UUID: uuid }).catch(ignoreNotFound);
  },
};
