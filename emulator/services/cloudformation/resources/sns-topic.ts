// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topic.html
import { allTags, bool, ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Subscription = { Endpoint: string; Protocol: string };
type Props = { TopicName?: string; DisplayName?: string; FifoTopic?: boolean | string; ContentBasedDeduplication?: boolean | string; KmsMasterKeyId?: string; Subscription?: Subscription[]; Tags?: { Key: string; Value: string }[] };

const ATTRS = ["DisplayName", "FifoTopic", "ContentBasedDeduplication", "KmsMasterKeyId"] as const;

async function subscribe(arn: string, subs: Subscription[], ctx: ResourceContext) {
  for (const s of subs) await ctx.api.call("sns", "Subscribe", { TopicArn: arn, Protocol: s.Protocol, Endpoint: s.Endpoint, ReturnSubscriptionArn: true });
}

const result = (arn: string) => ({ physicalId: arn, arn, attributes: { TopicArn: arn, TopicName: arn.split(":").pop() } });

export const snsTopic: ResourceModule<Props> = {
  type: "AWS::SNS::Topic",
  replaceOn: ["TopicName", "FifoTopic"],
  nameProperty: "TopicName",
  properties: [...ATTRS, "TopicName", "Subscription", "Tags"],
  async create(props, ctx) {
    const fifo = bool(props.FifoTopic);
    const Name = props.TopicName ?? ctx.physicalName({ maxLength: 256, suffix: fifo ? ".fifo" : "" });
    const Attributes: Record<string, string> = {};
    for (const k of ATTRS) if (props[k] !== undefined) Attributes[k] = String(props[k]);
    const out = await ctx.api.call("sns", "CreateTopic", { Name, Attributes, Tags: allTags(props, ctx) });
    await subscribe(out.TopicArn, props.Subscription ?? [], ctx);
    return result(out.TopicArn);
  },
  async update(arn, props, old, ctx) {
    if (props.DisplayName !== old.DisplayName) await ctx.api.call("sns", "SetTopicAttributes", { TopicArn: arn, AttributeName: "DisplayName", AttributeValue: props.DisplayName ?? "" });
    const key = (s: Subscription) => `${s.Protocol}|${s.Endpoint}`;
    const want = new Set((props.Subscription ?? []).map(key));
    const had = new Set((old.Subscription ?? []).map(key));
    const existing = (await ctx.api.call("sns", "ListSubscriptionsByTopic", { TopicArn: arn })).Subscriptions ?? [];
    for (const s of existing) {
      if (had.has(key(s)) && !want.has(key(s))) await ctx.api.call("sns", "Unsubscribe", { SubscriptionArn: s.SubscriptionArn });
    }
    await subscribe(arn, (props.Subscription ?? []).filter((s) => !had.has(key(s))), ctx);
    await ctx.api.call("sns", "TagResource", { ResourceArn: arn, Tags: allTags(props, ctx) });
    return result(arn);
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("sns", "DeleteTopic", { TopicArn: arn }).catch(ignoreNotFound);
  },
};
