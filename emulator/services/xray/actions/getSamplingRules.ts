import type { GetSamplingRulesResult } from "@aws-sdk/client-xray";
import type { RequestContext } from "../../../core/service.ts";

// Only the Default rule exists. Unlike AWS's default (1/s then 5%), the emulator samples every
// request, so the lab's service map fills at once. SDKs poll this and GetSamplingTargets.
// https://docs.aws.amazon.com/xray/latest/devguide/xray-console-sampling.html
export const SAMPLE_ALL = { FixedRate: 1, ReservoirSize: 1 };

export function getSamplingRules(_input: unknown, ctx: RequestContext) {
  const epoch = new Date(0);
  return {
    SamplingRuleRecords: [
      {
        SamplingRule: {
          RuleName: "Default",
          RuleARN: `arn:aws:xray:${ctx.region}:${ctx.accountId}:sampling-rule/Default`,
          ResourceARN: "*",
          Priority: 10000,
          ...SAMPLE_ALL,
          ServiceName: "*",
          ServiceType: "*",
          Host: "*",
          HTTPMethod: "*",
          URLPath: "*",
          Version: 1,
          Attributes: {},
        },
        CreatedAt: epoch,
        ModifiedAt: epoch,
      },
    ],
  } satisfies GetSamplingRulesResult;
}
