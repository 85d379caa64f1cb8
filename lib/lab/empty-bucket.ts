// Emptying a bucket so CloudFormation can delete it: shared by the console's cleanup, the
// leftover removal and the TTL Lambda (which bundles it, so it imports only the S3 client).
import { DeleteObjectsCommand, ListObjectsV2Command, type ListObjectsV2CommandOutput, ListObjectVersionsCommand, type S3Client } from "@aws-sdk/client-s3";

/** Deletes every object (and every version, where the store keeps them) in a bucket. Returns how many. */
export async function emptyBucket(s3: S3Client, Bucket: string, signal?: AbortSignal): Promise<number> {
  let deleted = 0;
  const remove = async (Objects: { Key: string; VersionId?: string }[]) => {
    if (!Objects.length) return;
    await s3.send(new DeleteObjectsCommand({ Bucket, Delete: { Objects, Quiet: true } }), { abortSignal: signal });
    deleted += Objects.length;
  };
  try {
    for (;;) {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket, MaxKeys: 1000 }), { abortSignal: signal });
      const batch = [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v) => ({ Key: v.Key as string, VersionId: v.VersionId === "null" ? undefined : v.VersionId }));
      if (!batch.length) break;
      await remove(batch);
    }
  } catch (error) {
    const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
    if (e.name === "NoSuchBucket") return deleted;
    // A store without versioning support: plain listing below.
    if (e.$metadata?.httpStatusCode !== 501 && e.name !== "NotImplemented" && e.name !== "MethodNotAllowed") throw error;
  }
  for (;;) {
    let out: ListObjectsV2CommandOutput;
    try {
      out = await s3.send(new ListObjectsV2Command({ Bucket, MaxKeys: 1000 }), { abortSignal: signal });
    } catch (error) {
      if ((error as { name?: string }).name === "NoSuchBucket") return deleted;
      throw error;
    }
    const batch = (out.Contents ?? []).map((o) => ({ Key: o.Key as string }));
    if (!batch.length) return deleted;
    await remove(batch);
  }
}
