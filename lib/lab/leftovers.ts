// "What remains" after cleanup: anything still tagged lab=cross-service-lab (CloudFormation
// copies the stack tag onto every resource it creates) and any cross-service-lab-* stack;
// and the removal of what remains, one deleter per kind of resource the lab creates.
import { CloudFormationClient } from "@aws-sdk/client-cloudformation";
import { CloudWatchClient, DeleteAlarmsCommand, DeleteDashboardsCommand } from "@aws-sdk/client-cloudwatch";
import { CloudWatchLogsClient, DeleteLogGroupCommand } from "@aws-sdk/client-cloudwatch-logs";
import { CodeBuildClient, DeleteProjectCommand } from "@aws-sdk/client-codebuild";
import { DeleteTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DeleteRepositoryCommand, ECRClient } from "@aws-sdk/client-ecr";
import { DeleteRuleCommand, EventBridgeClient, ListTargetsByRuleCommand, RemoveTargetsCommand } from "@aws-sdk/client-eventbridge";
import { DeleteFunctionCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from "@aws-sdk/client-resource-groups-tagging-api";
import { DeleteBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { DeleteTopicCommand, SNSClient } from "@aws-sdk/client-sns";
import { DeleteQueueCommand, GetQueueUrlCommand, SQSClient } from "@aws-sdk/client-sqs";
import { clientFor } from "../aws/clients.ts";
import { capabilities, type Target } from "../aws/target.ts";
import { LAB_NAME, LAB_TAG } from "./contract.ts";
import { emptyBucket } from "./empty-bucket.ts";
import type { Leftover, ProgressListener } from "./progress.ts";
import { deleteStackAndWait, listLiveStacks, type StackContext } from "./stacks.ts";

/** `arn:aws:sqs:us-east-1:000000000000:order-processing` → service `sqs`, type `sqs`, name `order-processing`. */
export function parseArn(arn: string): { service: string; type: string; name: string; region: string; account: string } {
  const [, , service = "", region = "", account = "", ...rest] = arn.split(":");
  const resource = rest.join(":");
  const typed = /^([a-z0-9-]+)[/:](.+)$/i.exec(resource);
  // SQS, SNS and S3 ARNs carry no resource type; log groups end in ":*".
  if (!typed || ["sqs", "sns", "s3"].includes(service)) return { service, type: service, name: resource, region, account };
  const name = typed[2].replace(/:\*$/, "");
  return { service, type: `${service}:${typed[1]}`, name: typed[1] === "stack" ? name.split("/")[0] : name, region, account };
}

/** Resources tagged with the lab tag, and live stacks named like the lab's; each listed once. */
export async function findLeftovers(target: Target, signal?: AbortSignal): Promise<Leftover[]> {
  const found = new Map<string, Leftover>();
  const cfn = clientFor(CloudFormationClient, target);
  for (const s of await listLiveStacks({ cfn, signal }, LAB_NAME)) {
    if (s.StackId) found.set(s.StackId, { arn: s.StackId, kind: "stack", type: "cloudformation:stack", name: s.StackName ?? s.StackId, status: s.StackStatus, removable: true });
  }
  const tagging = clientFor(ResourceGroupsTaggingAPIClient, target);
  let PaginationToken: string | undefined;
  do {
    const out = await tagging.send(new GetResourcesCommand({ TagFilters: [{ Key: LAB_TAG.Key, Values: [LAB_TAG.Value] }], PaginationToken }), { abortSignal: signal });
    for (const m of out.ResourceTagMappingList ?? []) {
      if (!m.ResourceARN || found.has(m.ResourceARN)) continue;
      const { type, name } = parseArn(m.ResourceARN);
      if (type === "cloudformation:stack") continue; // live stacks were listed above; deleted ones linger in the index
      found.set(m.ResourceARN, { arn: m.ResourceARN, kind: "resource", type, name, removable: type in DELETERS });
    }
    PaginationToken = out.PaginationToken || undefined;
  } while (PaginationToken);
  return [...found.values()];
}

type Deleter = (target: Target, leftover: Leftover, signal?: AbortSignal) => Promise<void>;

/** One deleter per kind of resource the lab's templates create and tag. */
const DELETERS: Record<string, Deleter> = {
  s3: async (t, l, signal) => {
    const s3 = clientFor(S3Client, t);
    await emptyBucket(s3, l.name, signal);
    await s3.send(new DeleteBucketCommand({ Bucket: l.name }), { abortSignal: signal });
  },
  sqs: async (t, l, signal) => {
    const sqs = clientFor(SQSClient, t);
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: l.name }), { abortSignal: signal });
    await sqs.send(new DeleteQueueCommand({ QueueUrl }), { abortSignal: signal });
  },
  sns: async (t, l, signal) => {
    await clientFor(SNSClient, t).send(new DeleteTopicCommand({ TopicArn: l.arn }), { abortSignal: signal });
  },
  "dynamodb:table": async (t, l, signal) => {
    await clientFor(DynamoDBClient, t).send(new DeleteTableCommand({ TableName: l.name }), { abortSignal: signal });
  },
  "lambda:function": async (t, l, signal) => {
    await clientFor(LambdaClient, t).send(new DeleteFunctionCommand({ FunctionName: l.name }), { abortSignal: signal });
  },
  "logs:log-group": async (t, l, signal) => {
    await clientFor(CloudWatchLogsClient, t).send(new DeleteLogGroupCommand({ logGroupName: l.name }), { abortSignal: signal });
  },
  "codebuild:project": async (t, l, signal) => {
    await clientFor(CodeBuildClient, t).send(new DeleteProjectCommand({ name: l.name }), { abortSignal: signal });
  },
  "ecr:repository": async (t, l, signal) => {
    await clientFor(ECRClient, t).send(new DeleteRepositoryCommand({ repositoryName: l.name, force: true }), { abortSignal: signal });
  },
  "events:rule": async (t, l, signal) => {
    const events = clientFor(EventBridgeClient, t);
    const { Targets = [] } = await events.send(new ListTargetsByRuleCommand({ Rule: l.name }), { abortSignal: signal });
    if (Targets.length) await events.send(new RemoveTargetsCommand({ Rule: l.name, Ids: Targets.map((x) => x.Id as string) }), { abortSignal: signal });
    await events.send(new DeleteRuleCommand({ Name: l.name }), { abortSignal: signal });
  },
  "cloudwatch:alarm": async (t, l, signal) => {
    await clientFor(CloudWatchClient, t).send(new DeleteAlarmsCommand({ AlarmNames: [l.name] }), { abortSignal: signal });
  },
  "cloudwatch:dashboard": async (t, l, signal) => {
    await clientFor(CloudWatchClient, t).send(new DeleteDashboardsCommand({ DashboardNames: [l.name] }), { abortSignal: signal });
  },
};

export const canRemove = (leftover: Leftover) => leftover.kind === "stack" || leftover.type in DELETERS;

/** Removes what the leftover check found: stacks through CloudFormation, the rest one by one. Returns what could not be removed. */
export async function removeLeftovers(
  target: Target,
  leftovers: Leftover[],
  emit: ProgressListener,
  signal?: AbortSignal,
): Promise<{ removed: string[]; failed: { leftover: Leftover; reason: string }[] }> {
  const failed: { leftover: Leftover; reason: string }[] = [];
  const removed: string[] = [];
  const ctx: StackContext = { cfn: clientFor(CloudFormationClient, target), pollMs: capabilities(target).stackPollMs, signal, emit };
  // Stacks first: deleting one removes what it still holds.
  for (const l of leftovers.filter((x) => x.kind === "stack")) {
    emit({ kind: "step", message: `Deleting stack ${l.name}` });
    const final = await deleteStackAndWait(ctx, l.arn);
    if (final?.StackStatus === "DELETE_FAILED") failed.push({ leftover: l, reason: final.StackStatusReason ?? "DELETE_FAILED" });
    else removed.push(l.arn);
  }
  for (const l of leftovers.filter((x) => x.kind === "resource")) {
    const deleter = DELETERS[l.type];
    if (!deleter) {
      failed.push({ leftover: l, reason: `The console does not remove ${l.type} resources; delete it by hand.` });
      continue;
    }
    try {
      emit({ kind: "step", message: `Deleting ${l.type} ${l.name}` });
      await deleter(target, l, signal);
      removed.push(l.arn);
    } catch (error) {
      const e = error as { name?: string; message?: string };
      // Gone already: the tag index can lag behind a deletion.
      if (/NotFound|NonExistent|NoSuch/.test(e.name ?? "")) removed.push(l.arn);
      else failed.push({ leftover: l, reason: `${e.name ?? "Error"}: ${e.message ?? ""}` });
    }
  }
  return { removed, failed };
}

/** The console's "remove leftovers": find, remove, and check again; what still remains is reported. */
export async function removeLeftoversAndCheck(target: Target, emit: ProgressListener, signal?: AbortSignal): Promise<Leftover[]> {
  const found = await findLeftovers(target, signal);
  emit({ kind: "plan", stacks: found.filter((l) => l.kind === "stack").map((l) => ({ name: l.name, total: 0 })) });
  const { removed, failed } = await removeLeftovers(target, found, emit, signal);
  // The tag index lags behind deletions (on AWS for a while, in the emulator for resources
  // deleted outside CloudFormation): what was just deleted is not reported again.
  // https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
  const remaining = (await findLeftovers(target, signal)).filter((l) => !removed.includes(l.arn));
  emit({ kind: "leftovers", leftovers: remaining });
  if (failed.length) {
    emit({ kind: "failure", message: failed.map((f) => `${f.leftover.name}: ${f.reason}`).join("\n") });
    throw new Error(`${failed.length} leftover${failed.length === 1 ? "" : "s"} could not be removed.`);
  }
  return remaining;
}
