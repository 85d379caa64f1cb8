// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queuepolicy.html
import { ignoreNotFound, json } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Props = { PolicyDocument: unknown; Queues: string[] };

const apply = (queues: string[], policy: string, ctx: ResourceContext) =>
  Promise.all(queues.map((QueueUrl) => ctx.api.call("sqs", "SetQueueAttributes", { QueueUrl, Attributes: { Policy: policy } })));

export const sqsQueuePolicy: ResourceModule<Props> = {
  type: "AWS::SQS::QueuePolicy",
  properties: ["PolicyDocument", "Queues"],
  async create(props, ctx) {
    await apply(props.Queues ?? [], json(props.PolicyDocument) ?? "", ctx);
    return { physicalId: ctx.physicalName() };
  },
  async update(_id, props, old, ctx) {
    await apply((old.Queues ?? []).filter((q) => !props.Queues?.includes(q)), "", ctx).catch(ignoreNotFound);
    await apply(props.Queues ?? [], json(props.PolicyDocument) ?? "", ctx);
    return {};
  },
  async delete(_id, props, ctx) {
    await apply(props.Queues ?? [], "", ctx).catch(ignoreNotFound);
  },
};
