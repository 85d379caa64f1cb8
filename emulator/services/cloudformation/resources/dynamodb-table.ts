// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-dynamodb-table.html
import { setTimeout as sleep } from "node:timers/promises";
import { allTags, ignoreNotFound, num } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

const throughput = (p: any) => (p ? { ReadCapacityUnits: num(p.ReadCapacityUnits), WriteCapacityUnits: num(p.WriteCapacityUnits) } : undefined);
// CloudFormation's StreamSpecification has only StreamViewType; the API also wants StreamEnabled.
const streams = (s: any) => (s?.StreamViewType ? { StreamEnabled: true, StreamViewType: s.StreamViewType } : undefined);

/** CloudFormation reports CREATE_COMPLETE only once the table is ACTIVE. */
async function waitActive(name: string, ctx: ResourceContext) {
  for (let i = 0; i < 600; i++) {
    const { Table } = await ctx.api.call("dynamodb", "DescribeTable", { TableName: name });
    if (Table.TableStatus === "ACTIVE") return Table;
    await sleep(50);
  }
  throw new Error(`Table ${name} did not become ACTIVE`);
}

// dynalite has no streams: when the template asks for one, StreamArn is a well-formed ARN whose
// stream carries no records (nothing in the lab reads table streams).
const result = (t: any, props: any) => {
  const stream = t.LatestStreamArn ?? (props.StreamSpecification?.StreamViewType ? `${t.TableArn}/stream/${new Date(t.CreationDateTime ?? Date.now()).toISOString().replace("Z", "")}` : undefined);
  return { physicalId: t.TableName, arn: t.TableArn, attributes: { Arn: t.TableArn, ...(stream ? { StreamArn: stream } : {}) } };
};

export const dynamodbTable: ResourceModule = {
  type: "AWS::DynamoDB::Table",
  replaceOn: ["TableName", "KeySchema", "LocalSecondaryIndexes", "AttributeDefinitions", "GlobalSecondaryIndexes"],
  nameProperty: "TableName",
  properties: ["TableName", "AttributeDefinitions", "KeySchema", "BillingMode", "ProvisionedThroughput", "GlobalSecondaryIndexes", "LocalSecondaryIndexes", "StreamSpecification", "SSESpecification", "TimeToLiveSpecification", "Tags", "DeletionProtectionEnabled", "PointInTimeRecoverySpecification", "TableClass"],
  async create(props, ctx) {
    const TableName = props.TableName ?? ctx.physicalName({ maxLength: 255 });
    const BillingMode = props.BillingMode ?? (props.ProvisionedThroughput ? "PROVISIONED" : undefined);
    await ctx.api.call("dynamodb", "CreateTable", {
      TableName,
      AttributeDefinitions: props.AttributeDefinitions,
      KeySchema: props.KeySchema,
      BillingMode,
      ProvisionedThroughput: throughput(props.ProvisionedThroughput) ?? (BillingMode === "PAY_PER_REQUEST" ? undefined : { ReadCapacityUnits: 5, WriteCapacityUnits: 5 }),
      GlobalSecondaryIndexes: props.GlobalSecondaryIndexes?.map((g: any) => ({ ...g, ProvisionedThroughput: throughput(g.ProvisionedThroughput) })),
      LocalSecondaryIndexes: props.LocalSecondaryIndexes,
      StreamSpecification: streams(props.StreamSpecification),
      Tags: allTags(props, ctx),
    });
    const table = await waitActive(TableName, ctx);
    if (props.TimeToLiveSpecification) {
      // dynalite has no TTL; the lab's services check expires_at themselves (ARCHITECTURE.md, Faults).
      await ctx.api.call("dynamodb", "UpdateTimeToLive", { TableName, TimeToLiveSpecification: props.TimeToLiveSpecification }).catch((e: Error) => ctx.log("TimeToLive not applied", { error: e.message }));
    }
    return result(table, props);
  },
  async update(name, props, old, ctx) {
    const input: Record<string, unknown> = { TableName: name };
    if (JSON.stringify(props.ProvisionedThroughput) !== JSON.stringify(old.ProvisionedThroughput)) input.ProvisionedThroughput = throughput(props.ProvisionedThroughput);
    if (props.BillingMode !== old.BillingMode) input.BillingMode = props.BillingMode ?? "PROVISIONED";
    if (JSON.stringify(props.StreamSpecification) !== JSON.stringify(old.StreamSpecification)) input.StreamSpecification = streams(props.StreamSpecification) ?? { StreamEnabled: false };
    if (Object.keys(input).length > 1) await ctx.api.call("dynamodb", "UpdateTable", input);
    return result(await waitActive(name, ctx), props);
  },
  async delete(name, _props, ctx) {
    await ctx.api.call("dynamodb", "DeleteTable", { TableName: name }).catch(ignoreNotFound);
  },
};
