// Shared by the CloudFormation tests: wait for a stack to settle, read its events.
import { type CloudFormationClient, DescribeStackEventsCommand, DescribeStacksCommand, type Stack, type StackEvent } from "@aws-sdk/client-cloudformation";

/** Polls until the stack leaves *_IN_PROGRESS; returns it. */
export async function settled(cf: CloudFormationClient, stackName: string, timeoutMs = 30_000): Promise<Stack> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await cf.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks![0];
    if (!s.StackStatus!.endsWith("_IN_PROGRESS")) return s;
    if (Date.now() > deadline) throw new Error(`stack ${stackName} still ${s.StackStatus}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Oldest first, which reads better in assertions. */
export async function events(cf: CloudFormationClient, stackName: string): Promise<StackEvent[]> {
  const out: StackEvent[] = [];
  let NextToken: string | undefined;
  do {
    const page = await cf.send(new DescribeStackEventsCommand({ StackName: stackName, NextToken }));
    out.push(...page.StackEvents!);
    NextToken = page.NextToken;
  } while (NextToken);
  return out.reverse();
}

export const output = (s: Stack, key: string) => s.Outputs?.find((o) => o.OutputKey === key)?.OutputValue;
