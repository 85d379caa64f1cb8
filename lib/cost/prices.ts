// The unit prices the cost model uses: one data file (prices.json), validated once at load.
// Each entry names its source page, how sure we are of it and when it was read; a bad file
// stops the console with a message that names the entry.
import { z } from "zod";
import raw from "./prices.json" with { type: "json" };

const source = z.union([
  z.url({ protocol: /^https$/, hostname: /(^|\.)amazon\.com$/ }),
  // The seed's own figures are quoted from its README, not from AWS.
  z.string().regex(/^seed:[\w./-]+#[\w-]+$/),
]);

const entry = z.object({
  label: z.string().min(1),
  /** What one unit is: "vCPU-hour", "request", "GB-month". */
  unit: z.string().min(1),
  /** How many units the price covers: 1, or 1,000,000 for "$0.40 per million requests". */
  per: z.number().int().positive(),
  source,
  /**
   * When the price was read from its source page, or, as for every entry today, that it was
   * not: "never read from the page …; recalled list price as of 2025-01, verify …".
   */
  readOn: z.string().min(1),
  confidence: z.enum(["high", "medium", "low"]),
  notes: z.string().min(1),
  regions: z.record(z.string(), z.number().nonnegative().finite()),
});

export const priceFileSchema = z
  .object({
    currency: z.literal("USD"),
    asOf: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
    provenance: z.string().min(1),
    /** AWS prorates monthly prices by the hour with 730 hours a month. */
    hoursPerMonth: z.number().positive(),
    defaultRegion: z.string(),
    regions: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/)).min(1),
    prices: z.record(z.string().regex(/^[a-z0-9]+\.[A-Za-z0-9]+$/), entry),
  })
  .superRefine((file, ctx) => {
    if (!file.regions.includes(file.defaultRegion)) {
      ctx.addIssue({ code: "custom", path: ["defaultRegion"], message: `${file.defaultRegion} is not one of the regions` });
    }
    for (const [key, e] of Object.entries(file.prices)) {
      for (const region of file.regions) {
        if (!(region in e.regions)) ctx.addIssue({ code: "custom", path: ["prices", key, "regions"], message: `no price for ${region}` });
      }
      for (const region of Object.keys(e.regions)) {
        if (!file.regions.includes(region)) ctx.addIssue({ code: "custom", path: ["prices", key, "regions", region], message: `${region} is not listed in "regions"` });
      }
    }
  });

export type PriceFile = z.infer<typeof priceFileSchema>;
export type PriceEntry = PriceFile["prices"][string];

/** Validates a price file; throws one message naming every bad entry. */
export function parsePriceFile(data: unknown): PriceFile {
  const parsed = priceFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`lib/cost/prices.json is invalid: ${problems}`);
  }
  return parsed.data;
}

export const PRICES: PriceFile = parsePriceFile(raw);

/** The price keys the model uses; a typo is a type error, a missing entry a load error. */
export const PRICE_KEYS = [
  "fargate.vcpuHour",
  "fargate.gbHour",
  "alb.hour",
  "alb.lcuHour",
  "vpc.publicIpv4Hour",
  "appmesh.mesh",
  "appmesh.seedEnvoyProxyHour",
  "ecs.serviceConnect",
  "lambda.requests",
  "lambda.gbSecond",
  "dynamodb.readRequestUnit",
  "dynamodb.writeRequestUnit",
  "dynamodb.storageGbMonth",
  "sqs.requests",
  "sns.requests",
  "cloudwatch.metricMonth",
  "cloudwatch.alarmStandardMonth",
  "cloudwatch.alarmHighResolutionMonth",
  "cloudwatch.dashboardMonth",
  "cloudwatch.putMetricDataRequests",
  "cloudwatch.getMetricDataMetrics",
  "logs.ingestionGb",
  "logs.storageGbMonth",
  "xray.tracesRecorded",
  "xray.tracesRetrieved",
  "s3.storageGbMonth",
  "s3.putRequests",
  "s3.getRequests",
  "ecr.storageGbMonth",
  "eventbridge.scheduledRules",
  "eventbridge.customEvents",
  "cloudmap.registeredResourceMonth",
  "cloudmap.lookups",
  "route53.hostedZoneMonth",
  "natgateway.hour",
] as const;
export type PriceKey = (typeof PRICE_KEYS)[number];

for (const key of PRICE_KEYS) {
  if (!PRICES.prices[key]) throw new Error(`lib/cost/prices.json is invalid: prices.${key} is missing`);
}

/** The region whose prices apply: `region` when the file has it, else the default region. */
export function priceRegion(region: string, file: PriceFile = PRICES): string {
  return file.regions.includes(region) ? region : file.defaultRegion;
}

/** The price of one unit (a request, a vCPU-hour, a metric-month) in `region`. */
export function unitPrice(key: PriceKey, region: string, file: PriceFile = PRICES): number {
  const e = file.prices[key];
  return e.regions[priceRegion(region, file)] / e.per;
}

/** The price as published: "$0.40 per 1M requests" is { value: 0.4, per: 1000000, unit: "request" }. */
export function listedPrice(key: PriceKey, region: string, file: PriceFile = PRICES) {
  const e = file.prices[key];
  return { value: e.regions[priceRegion(region, file)], per: e.per, unit: e.unit, source: e.source, readOn: e.readOn, confidence: e.confidence };
}

/** A monthly price per hour, prorated as AWS does (730 hours a month). */
export function hourlyFromMonthly(key: PriceKey, region: string, file: PriceFile = PRICES): number {
  return unitPrice(key, region, file) / file.hoursPerMonth;
}
