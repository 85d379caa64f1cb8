import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { CreateBucketCommand, DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { aws, startTestGateway, type TestGateway, tempDir } from "./harness.ts";

process.env.AWS_EC2_METADATA_DISABLED = "true";

describe("s3 (fauxqs in-process)", () => {
  let gw: TestGateway;
  let s3: S3Client;
  before(async () => {
    gw = await startTestGateway();
    s3 = new S3Client({ ...gw.clientConfig, maxAttempts: 1 });
  });
  after(() => gw.stop());

  it("creates a bucket, puts, gets, lists and deletes objects (binary-safe, for Lambda zips)", async () => {
    await s3.send(new CreateBucketCommand({ Bucket: "lab-artifacts" }));
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 255, 10, 13]);
    await s3.send(new PutObjectCommand({ Bucket: "lab-artifacts", Key: "lambda/health-checker.zip", Body: zip, ContentType: "application/zip" }));
    await s3.send(new PutObjectCommand({ Bucket: "lab-artifacts", Key: "templates/network.yaml", Body: "Resources: {}" }));
    const got = await s3.send(new GetObjectCommand({ Bucket: "lab-artifacts", Key: "lambda/health-checker.zip" }));
    assert.deepEqual(new Uint8Array(await got.Body!.transformToByteArray()), zip);
    assert.equal(got.ContentType, "application/zip");
    const list = await s3.send(new ListObjectsV2Command({ Bucket: "lab-artifacts", Prefix: "lambda/" }));
    assert.deepEqual(list.Contents?.map((o) => o.Key), ["lambda/health-checker.zip"]);
    await s3.send(new DeleteObjectCommand({ Bucket: "lab-artifacts", Key: "lambda/health-checker.zip" }));
    await assert.rejects(s3.send(new HeadObjectCommand({ Bucket: "lab-artifacts", Key: "lambda/health-checker.zip" })), (e: any) => e.$metadata.httpStatusCode === 404);
  });

  it("answers a missing bucket with NoSuchBucket", async () => {
    await assert.rejects(s3.send(new GetObjectCommand({ Bucket: "no-such-bucket", Key: "k" })), (e: any) => e.name === "NoSuchBucket");
  });

  it("works with the v1 CLI: s3 cp and ls", async () => {
    const dir = tempDir();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${dir}/f.txt`, "from the cli");
    assert.equal((await aws("v1", gw.url, ["s3", "mb", "s3://cli-bucket"])).code, 0);
    const cp = await aws("v1", gw.url, ["s3", "cp", `${dir}/f.txt`, "s3://cli-bucket/f.txt"]);
    assert.equal(cp.code, 0, cp.stderr);
    const obj = await s3.send(new GetObjectCommand({ Bucket: "cli-bucket", Key: "f.txt" }));
    assert.equal(await obj.Body!.transformToString(), "from the cli");
  });
});
