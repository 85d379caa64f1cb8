// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sns-topicpolicy.html
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Props = { PolicyDocument: unknown; Topics: string[] };

/** The policy SNS gives a new topic (owner-only), restored when a TopicPolicy is removed. */
const defaultPolicy = (arn: string, account: string) =>
  JSON.stringify({
    Version: "2008-10-17",
    Id: "__default_policy_ID",
    Statement: [{ Sid: "__default_statement_ID", Effect: "Allow", Principal: { AWS: "*" }, Action: ["SNS:Publish", "SNS:Subscribe", "SNS:GetTopicAttributes"], Resource: arn, Condition: { StringEquals: { "AWS:SourceOwner": account } } }],
  });

const apply = (topics: string[], ctx: ResourceContext, doc?: unknown) =>
  Promise.all(topics.map((TopicArn) => ctx.api.call("sns", "SetTopicAttributes", { TopicArn, AttributeName: "Policy", AttributeValue: doc === undefined ? defaultPolicy(TopicArn, ctx.accountId) : json(doc) })));

export const snsTopicPolicy: ResourceModule<Props> = {
  type: "AWS::SNS::TopicPolicy",
  properties: ["PolicyDocument", "Topics"],
  async create(props, ctx) {
    await apply(props.Topics ?? [], ctx, props.PolicyDocument);
    return { physicalId: ctx.physicalName() };
  },
  async update(_id, props, old, ctx) {
    await apply((old.Topics ?? []).filter((t) => !props.Topics?.includes(t)), ctx).catch(ignoreNotFound);
    await apply(props.Topics ?? [], ctx, props.PolicyDocument);
    return {};
  },
  async delete(_id, props, ctx) {
    await apply(props.Topics ?? [], ctx).catch(ignoreNotFound);
  },
};
