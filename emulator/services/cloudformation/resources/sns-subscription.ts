// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-subscription.html
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceModule } from "./types.ts";

// Template properties that are subscription attributes (objects become JSON strings).
const ATTRIBUTES = ["FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy", "DeliveryPolicy", "SubscriptionRoleArn", "ReplayPolicy"] as const;

function attributes(props: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ATTRIBUTES) if (props[k] !== undefined) out[k] = typeof props[k] === "object" ? (json(props[k]) as string) : String(props[k]);
  return out;
}

export const snsSubscription: ResourceModule = {
  type: "AWS::SNS::Subscription",
  replaceOn: ["TopicArn", "Protocol", "Endpoint", "Region"],
  properties: [...ATTRIBUTES, "TopicArn", "Protocol", "Endpoint", "Region"],
  async create(props, ctx) {
    const out = await ctx.api.call("sns", "Subscribe", { TopicArn: props.TopicArn, Protocol: props.Protocol, Endpoint: props.Endpoint, Attributes: attributes(props), ReturnSubscriptionArn: true });
    return { physicalId: out.SubscriptionArn, arn: out.SubscriptionArn, attributes: { Arn: out.SubscriptionArn } };
  },
  async update(arn, props, old, ctx) {
    const next = attributes(props);
    const prev = attributes(old);
    for (const k of ATTRIBUTES) {
      if (next[k] === prev[k]) continue;
      // A removed FilterPolicy is cleared with an empty value; others go back to their defaults.
      const value = next[k] ?? (k === "RawMessageDelivery" ? "false" : k === "FilterPolicyScope" ? "MessageAttributes" : "");
      await ctx.api.call("sns", "SetSubscriptionAttributes", { SubscriptionArn: arn, AttributeName: k, AttributeValue: value });
    }
    return { attributes: { Arn: arn } };
  },
  async delete(arn, _props, ctx) {
    await ctx.api.call("sns", "Unsubscribe", { SubscriptionArn: arn }).catch(ignoreNotFound);
  },
};
