// Step 1 and 2 of the chain: which service, which account and region.
// SigV4 puts both in the credential scope: Credential=AKID/20260101/us-east-1/sqs/aws4_request
// https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
import type { IncomingHttpHeaders } from "node:http";

export interface Identity {
  signingName?: string;
  region?: string;
  target?: string;
  accessKeyId?: string;
}

const scopeRe = /Credential=([^/,\s]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/;

export function identify(headers: IncomingHttpHeaders, url: URL): Identity {
  const auth = headers.authorization ?? url.searchParams.get("X-Amz-Credential")?.replace(/^/, "Credential=") ?? "";
  const m = scopeRe.exec(auth);
  const target = typeof headers["x-amz-target"] === "string" ? headers["x-amz-target"] : undefined;
  return m ? { accessKeyId: m[1], region: m[2], signingName: m[3], target } : { target };
}
