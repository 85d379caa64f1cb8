// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-function.html
import { allTags, ignoreNotFound, num, tagMap } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";
import { writeZip } from "../../lambda/zip.ts";

type Code = { ZipFile?: string; S3Bucket?: string; S3Key?: string; S3ObjectVersion?: string; ImageUri?: string };

// CloudFormation writes inline code to a file named "index" for the runtime: index.js for Node.js
// (index.mjs when the source is an ES module), index.py for Python.
function inlineFile(runtime: string, source: string): string {
  if (runtime.startsWith("python")) return "index.py";
  return /^\s*(export|import)\s/m.test(source) ? "index.mjs" : "index.js";
}

function code(props: any) {
  const c = (props.Code ?? {}) as Code;
  if (c.ZipFile !== undefined) return { ZipFile: writeZip({ [inlineFile(props.Runtime ?? "nodejs", c.ZipFile)]: c.ZipFile }) };
  return { S3Bucket: c.S3Bucket, S3Key: c.S3Key, S3ObjectVersion: c.S3ObjectVersion, ImageUri: c.ImageUri };
}

const CONFIG = ["Runtime", "Role", "Handler", "Description", "Timeout", "MemorySize", "Environment", "Layers", "Architectures", "DeadLetterConfig", "TracingConfig", "VpcConfig", "ReservedConcurrentExecutions", "EphemeralStorage", "LoggingConfig", "PackageType"];

function configuration(props: any) {
  return {
    Runtime: props.Runtime,
    Role: props.Role,
    Handler: props.Handler,
    Description: props.Description,
    Timeout: num(props.Timeout),
    MemorySize: num(props.MemorySize),
    Environment: props.Environment,
    Layers: props.Layers,
    Architectures: props.Architectures,
    DeadLetterConfig: props.DeadLetterConfig,
    TracingConfig: props.TracingConfig,
    VpcConfig: props.VpcConfig,
    EphemeralStorage: props.EphemeralStorage,
    LoggingConfig: props.LoggingConfig,
  };
}

const result = (fn: any) => ({ physicalId: fn.FunctionName, arn: fn.FunctionArn, attributes: { Arn: fn.FunctionArn } });

async function concurrency(name: string, props: any, ctx: ResourceContext) {
  if (props.ReservedConcurrentExecutions !== undefined) {
    await ctx.api.call("lambda", "PutFunctionConcurrency", { FunctionName: name, ReservedConcurrentExecutions: num(props.ReservedConcurrentExecutions) });
  }
}

export const lambdaFunction: ResourceModule = {
  type: "AWS::Lambda::Function",
  replaceOn: ["FunctionName", "PackageType"],
  nameProperty: "FunctionName",
  properties: [...CONFIG, "FunctionName", "Code", "Tags"],
  async create(props, ctx) {
    const FunctionName = props.FunctionName ?? ctx.physicalName({ maxLength: 64 });
    const fn = await ctx.api.call("lambda", "CreateFunction", { FunctionName, ...configuration(props), PackageType: props.PackageType, Code: code(props), Tags: tagMap(allTags(props, ctx)) });
    await concurrency(FunctionName, props, ctx);
    return result(fn);
  },
  async update(name, props, old, ctx) {
    let fn: any;
    if (JSON.stringify(props.Code) !== JSON.stringify(old.Code)) fn = await ctx.api.call("lambda", "UpdateFunctionCode", { FunctionName: name, ...code(props) });
    fn = await ctx.api.call("lambda", "UpdateFunctionConfiguration", { FunctionName: name, ...configuration(props) });
    await concurrency(name, props, ctx);
    return result(fn);
  },
  async delete(name, _props, ctx) {
    await ctx.api.call("lambda", "DeleteFunction", { FunctionName: name }).catch(ignoreNotFound);
  },
};
