// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucketpolicy.html
// The local S3 (fauxqs) has no bucket policies, so the policy is checked (the bucket must
// exist, the document must be a policy with statements) and recorded on the stack, not
// enforced: every caller of the emulator is the account owner anyway. Ref is the bucket name.
import { AwsError } from "../../../core/errors.ts";
import { required } from "./types.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

type Props = { Bucket: string; PolicyDocument: unknown };

async function check(props: Props, ctx: ResourceContext) {
  const bucket = required<string>(props, "Bucket", "AWS::S3::BucketPolicy");
  const doc = typeof props.PolicyDocument === "string" ? safeParse(props.PolicyDocument) : props.PolicyDocument;
  const statements = (doc as { Statement?: unknown } | undefined)?.Statement;
  if (!doc || typeof doc !== "object" || !statements || (Array.isArray(statements) && !statements.length)) {
    throw new AwsError("MalformedPolicy", "Policy has invalid resource: the document needs at least one Statement");
  }
  await ctx.api.call("s3", "HeadBucket", { Bucket: bucket }).catch(() => {
    throw new AwsError("NoSuchBucket", `The specified bucket does not exist: ${bucket}`, 404);
  });
  ctx.log("S3 bucket policy recorded, not enforced by the local S3", { bucket });
  return bucket;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const s3BucketPolicy: ResourceModule<Props> = {
  type: "AWS::S3::BucketPolicy",
  properties: ["Bucket", "PolicyDocument"],
  replaceOn: ["Bucket"],
  async create(props, ctx) {
    return { physicalId: await check(props, ctx) };
  },
  async update(_id, props, _old, ctx) {
    await check(props, ctx);
    return {};
  },
  async delete() {},
};
