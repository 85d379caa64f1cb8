// SNS: fauxqs (in-process, query protocol) plus the message-flow log under /_lab/flow.
import * as schemas from "@aws-sdk/client-sns";
import type { ServiceModule } from "../../core/service.ts";
import { type FauxqsMount, SNS_XMLNS } from "../fauxqs/mount.ts";

export function sns(mount: FauxqsMount): ServiceModule {
  return {
    name: "sns",
    signingNames: ["sns"],
    xmlNamespace: SNS_XMLNS,
    schemas,
    raw: (req, res) => mount.routing(req, res),
    lab: {
      "GET /flow": ({ url }) => {
        const limit = Number(url.searchParams.get("limit") ?? 100);
        return mount.flow.list({ limit: Number.isFinite(limit) ? limit : 100, topic: url.searchParams.get("topic") ?? undefined });
      },
    },
  };
}
