// S3: fauxqs (in-process, path-style and virtual-hosted-style REST).
import * as schemas from "@aws-sdk/client-s3";
import type { ServiceModule } from "../../core/service.ts";
import type { FauxqsMount } from "../fauxqs/mount.ts";

export function s3(mount: FauxqsMount): ServiceModule {
  return {
    name: "s3",
    signingNames: ["s3"],
    schemas,
    raw: (req, res) => mount.routing(req, res),
  };
}
