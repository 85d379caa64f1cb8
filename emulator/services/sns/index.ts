// SNS: fauxqs (in-process, query protocol) plus the message-flow log under /_lab/flow.
import * as schemas from "@aws-sdk/client-sns";
import { AwsError } from "../../core/errors.ts";
import type { ServiceModule } from "../../core/service.ts";
import { type FauxqsMount, rejectRaw, SNS_XMLNS } from "../fauxqs/mount.ts";

export function sns(mount: FauxqsMount): ServiceModule {
  return {
    name: "sns",
    signingNames: ["sns"],
    xmlNamespace: SNS_XMLNS,
    schemas,
    // SNS speaks only the query protocol; fauxqs would read any other body as SQS JSON or S3.
    raw: (req, res) =>
      (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")
        ? mount.routing(req, res)
        : rejectRaw(req, res, new AwsError("MissingAction", "The request must contain the parameter Action.", 400), "query", SNS_XMLNS),
    lab: {
      "GET /flow": ({ url }) => {
        const limit = Number(url.searchParams.get("limit") ?? 100);
        return mount.flow.list({ limit: Number.isFinite(limit) ? limit : 100, topic: url.searchParams.get("topic") ?? undefined });
      },
    },
  };
}
