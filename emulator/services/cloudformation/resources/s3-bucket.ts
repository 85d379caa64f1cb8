// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-s3-bucket.html
// The local S3 (fauxqs) has buckets, objects and lifecycle rules but no bucket tagging,
// versioning, CORS, encryption or public-access settings: those requests would be taken as
// CreateBucket/ListObjects. So the bucket's tags live in the tag index only, and the settings
// below are recorded on the stack (and logged) but not enforced; any other property fails.
import { ignoreNotFound } from "./helpers.ts";
import type { ResourceContext, ResourceModule } from "./types.ts";

const RECORDED = ["VersioningConfiguration", "CorsConfiguration", "PublicAccessBlockConfiguration", "BucketEncryption", "OwnershipControls"];

const result = (name: string, ctx: ResourceContext) => ({
  physicalId: name,
  arn: `arn:aws:s3:::${name}`,
  attributes: {
    Arn: `arn:aws:s3:::${name}`,
    DomainName: `${name}.s3.amazonaws.com`,
    RegionalDomainName: `${name}.s3.${ctx.region}.amazonaws.com`,
    DualStackDomainName: `${name}.s3.dualstack.${ctx.region}.amazonaws.com`,
    WebsiteURL: `http://${name}.s3-website-${ctx.region}.amazonaws.com`,
  },
});

function noteRecorded(props: Record<string, unknown>, ctx: ResourceContext) {
  const recorded = RECORDED.filter((k) => props[k] !== undefined);
  if (recorded.length) ctx.log("S3 bucket settings recorded, not enforced by the local S3", { properties: recorded });
}

export const s3Bucket: ResourceModule = {
  type: "AWS::S3::Bucket",
  replaceOn: ["BucketName"],
  nameProperty: "BucketName",
  properties: ["BucketName", "Tags", ...RECORDED],
  async create(props, ctx) {
    const name = props.BucketName ?? ctx.physicalName({ maxLength: 63, lowercase: true });
    await ctx.api.call("s3", "CreateBucket", { Bucket: name });
    noteRecorded(props, ctx);
    return result(name, ctx);
  },
  async update(name, props, _old, ctx) {
    noteRecorded(props, ctx);
    return result(name, ctx);
  },
  // A bucket with objects fails with S3's BucketNotEmpty, as on AWS.
  async delete(name, _props, ctx) {
    await ctx.api.call("s3", "DeleteBucket", { Bucket: name }).catch(ignoreNotFound);
  },
};
