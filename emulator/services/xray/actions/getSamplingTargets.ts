import type { GetSamplingTargetsRequest, GetSamplingTargetsResult } from "@aws-sdk/client-xray";
import { SAMPLE_ALL } from "./getSamplingRules.ts";

export function getSamplingTargets(input: GetSamplingTargetsRequest) {
  const now = Date.now();
  return {
    SamplingTargetDocuments: (input.SamplingStatisticsDocuments ?? []).map((d) => ({
      RuleName: d.RuleName,
      FixedRate: SAMPLE_ALL.FixedRate,
      ReservoirQuota: SAMPLE_ALL.ReservoirSize,
      ReservoirQuotaTTL: new Date(now + 60_000),
      Interval: 10,
    })),
    LastRuleModification: new Date(0),
    UnprocessedStatistics: [],
  } satisfies GetSamplingTargetsResult;
}
