// S3: fauxqs (in-process, path-style and virtual-hosted-style REST).
import * as schemas from "@aws-sdk/client-s3";
import { AwsError } from "../../core/errors.ts";
import type { ServiceModule } from "../../core/service.ts";
import { type FauxqsMount, rejectRaw } from "../fauxqs/mount.ts";

export function s3(mount: FauxqsMount): ServiceModule {
  return {
    name: "s3",
    signingNames: ["s3"],
    schemas,
    // fauxqs answers SQS and SNS on POST /; for S3 that is no operation.
    raw: (req, res) =>
      req.method === "POST" && new URL(req.url ?? "/", "http://localhost").pathname === "/"
        ? rejectRaw(req, res, new AwsError("MethodNotAllowed", "The specified method is not allowed against this resource.", 405), "s3")
        : mount.routing(req, res),
  };
}
