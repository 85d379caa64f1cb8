// cross-service-lab-ttl: the lab's scheduled cleanup. A one-time EventBridge rule
// (cloudformation/ttl.yaml) invokes it when the lab's TTL is up; it deletes every lab stack
// newest first, as the console's cleanup does (emptying the artifacts bucket before the
// bootstrap stack; the ECR repositories have EmptyOnDelete), and its own stack last.
//
// On AWS a services or network stack can take many minutes to delete, longer than one
// invocation may run (15 min). When the time left runs short it invokes itself again,
// asynchronously, and that invocation carries on where this one stopped; at most
// MAX_ATTEMPTS times. A stack that ends DELETE_FAILED stops it: the console explains the
// failure and offers the retry.
import { CloudFormationClient, DeleteStackCommand } from "@aws-sdk/client-cloudformation";
import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import { S3Client } from "@aws-sdk/client-s3";
import { STACKS, TTL_FUNCTION } from "../../../lib/lab/contract.ts";
import { emptyBucket } from "../../../lib/lab/empty-bucket.ts";
import { deleteStackAndWait, describeStack, type StackContext } from "../../../lib/lab/stacks.ts";
import { TTL_DELETION_ORDER } from "../../../lib/lab/ttl.ts";
import { awsClientConfig } from "../../shared/aws.ts";
import { errorFields } from "../../shared/log.ts";
import { lambdaLogger } from "../lambda-log.ts";

const log = lambdaLogger(TTL_FUNCTION);

/** Re-invocations before it gives up (about 2 hours of deleting on AWS). */
export const MAX_ATTEMPTS = 8;
/** Time kept back from the invocation's limit to hand over cleanly. */
const HANDOVER_MS = 60_000;

export interface TtlEvent {
  attempt?: number;
}

export interface TtlResult {
  status: "done" | "continuing" | "failed" | "gave-up";
  deleted: string[];
  stack?: string;
  reason?: string;
}

interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
  functionName?: string;
}

export async function handler(event: TtlEvent | null, context?: LambdaContext): Promise<TtlResult> {
  const attempt = Number(event?.attempt ?? 1);
  const env = process.env;
  const config = { ...awsClientConfig(env), maxAttempts: 4 };
  const remaining = context?.getRemainingTimeInMillis?.() ?? 900_000;
  const budget = new AbortController();
  const timer = setTimeout(() => budget.abort(), Math.max(5_000, remaining - HANDOVER_MS));
  const ctx: StackContext = {
    cfn: new CloudFormationClient(config),
    pollMs: Number(env.POLL_MS) || 10_000,
    signal: budget.signal,
    emit: (p) => {
      if (p.kind === "stack") log.info("stack", { stack: p.stack, status: p.status, reason: p.reason });
    },
  };
  const own = env.TTL_STACK_NAME || STACKS.ttl;
  const deleted: string[] = [];
  log.info("lab TTL is up: deleting the lab", { attempt, expires_at: env.EXPIRES_AT });
  try {
    for (const name of TTL_DELETION_ORDER.filter((s) => s !== own)) {
      const stack = await describeStack(ctx, name);
      if (!stack) continue;
      const bucket = stack.Outputs?.find((o) => o.OutputKey === "ArtifactsBucketName")?.OutputValue;
      if (bucket) {
        const n = await emptyBucket(new S3Client(config), bucket, ctx.signal);
        log.info("emptied the artifacts bucket", { bucket, objects: n });
      }
      const final = await deleteStackAndWait(ctx, name);
      if (final?.StackStatus === "DELETE_FAILED") {
        log.error("a stack could not be deleted", { stack: name, reason: final.StackStatusReason });
        return { status: "failed", deleted, stack: name, reason: final.StackStatusReason };
      }
      deleted.push(name);
    }
  } catch (error) {
    if (!budget.signal.aborted) throw error;
    if (attempt >= MAX_ATTEMPTS) {
      log.error("gave up: the lab is still being deleted", { attempt });
      return { status: "gave-up", deleted };
    }
    const FunctionName = context?.functionName || TTL_FUNCTION;
    await new LambdaClient(config).send(new InvokeCommand({ FunctionName, InvocationType: "Event", Payload: JSON.stringify({ attempt: attempt + 1 }) }));
    log.info("handed over to the next invocation", { attempt, deleted });
    return { status: "continuing", deleted };
  } finally {
    clearTimeout(timer);
  }
  // Last, its own stack: the rule, this function and its role. CloudFormation deletes the
  // function after this call returns; the invocation under way runs to its end.
  try {
    await ctx.cfn.send(new DeleteStackCommand({ StackName: own }));
    deleted.push(own);
  } catch (error) {
    log.error("could not delete its own stack", errorFields(error));
    return { status: "failed", deleted, stack: own, reason: (error as Error).message };
  }
  log.info("the lab is deleted", { deleted });
  return { status: "done", deleted };
}
