import * as schemas from "@aws-sdk/client-sts";
import type { ServiceModule } from "../../core/service.ts";
import { getCallerIdentity } from "./actions/getCallerIdentity.ts";

export function sts(): ServiceModule {
  return {
    name: "sts",
    signingNames: ["sts"],
    protocols: ["query"],
    xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
    schemas,
    operations: {
      GetCallerIdentity: getCallerIdentity,
    },
  };
}
