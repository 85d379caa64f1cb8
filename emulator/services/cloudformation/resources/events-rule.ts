// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-events-rule.html
import { allTags, ignoreNotFound, json } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Target = { Id: string; Arn: string; Input?: string; InputPath?: string; RoleArn?: string; [k: string]: unknown };

async function put(name: string, props: any, ctx: ResourceContext) {
  const out = await ctx.api.call("events", "PutRule", {
    Name: name,
    ScheduleExpression: props.ScheduleExpression,
    EventPattern: json(props.EventPattern),
    State: props.State ?? "ENABLED",
    Description: props.Description,
    EventBusName: props.EventBusName,
    RoleArn: props.RoleArn,
    Tags: allTags(props, ctx),
  });
  return out.RuleArn as string;
}

async function setTargets(name: string, props: any, old: any, ctx: ResourceContext) {
  const want: Target[] = props.Targets ?? [];
  const gone = ((old?.Targets ?? []) as Target[]).filter((t) => !want.some((w) => w.Id === t.Id)).map((t) => t.Id);
  if (gone.length) await ctx.api.call("events", "RemoveTargets", { Rule: name, EventBusName: props.EventBusName, Ids: gone });
  if (want.length) await ctx.api.call("events", "PutTargets", { Rule: name, EventBusName: props.EventBusName, Targets: want });
}

const result = (name: string, arn: string) => ({ physicalId: name, arn, attributes: { Arn: arn } });

export const eventsRule: ResourceModule = {
  type: "AWS::Events::Rule",
  replaceOn: ["Name", "EventBusName"],
  nameProperty: "Name",
  properties: ["Name", "ScheduleExpression", "EventPattern", "State", "Description", "EventBusName", "RoleArn", "Targets", "Tags"],
  async create(props, ctx) {
    const name = props.Name ?? ctx.physicalName({ maxLength: 64 });
    const arn = await put(name, props, ctx);
    await setTargets(name, props, undefined, ctx);
    return result(name, arn);
  },
  async update(name, props, old, ctx) {
    const arn = await put(name, props, ctx);
    await setTargets(name, props, old, ctx);
    return result(name, arn);
  },
  async delete(name, props, ctx) {
    const ids = ((props.Targets ?? []) as Target[]).map((t) => t.Id);
    if (ids.length) await ctx.api.call("events", "RemoveTargets", { Rule: name, EventBusName: props.EventBusName, Ids: ids }).catch(ignoreNotFound);
    await ctx.api.call("events", "DeleteRule", { Name: name, EventBusName: props.EventBusName }).catch(ignoreNotFound);
  },
};
