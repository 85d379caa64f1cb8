// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
import { bool, ignoreNotFound, num } from "./helpers.ts";
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
  properties: ["EventSourceArn", "FunctionName", "BatchSize", "Enabled", "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "FilterCriteria", "ScalingConfig", "StartingPosition"],
  async create(props, ctx) {
    return result(await ctx.api.call("lambda", "CreateEventSourceMapping", { EventSourceArn: props.EventSourceArn, StartingPosition: props.StartingPosition, ...settings(props) }));
  },
  async update(uuid, props, _old, ctx) {
    return result(await ctx.api.call("lambda", "UpdateEventSourceMapping", { UUID: uuid, ...settings(props) }));
  },
  async delete(uuid, _props, ctx) {
    await ctx.api.call("lambda", "DeleteEventSourceMapping", { UUID: uuid }).catch(ignoreNotFound);
  },
};
