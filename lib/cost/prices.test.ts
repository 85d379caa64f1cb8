import assert from "node:assert/strict";
import { describe, it } from "node:test";
import raw from "./prices.json" with { type: "json" };
import { SEED_TABLE } from "./model.ts";
import { hourlyFromMonthly, parsePriceFile, PRICE_KEYS, PRICES, priceRegion, unitPrice } from "./prices.ts";

const REQUIRED_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"];
// A mutable copy to break on purpose.
const clone = (): any => structuredClone(raw);

describe("prices.json", () => {
  it("validates against the schema", () => {
    assert.doesNotThrow(() => parsePriceFile(raw));
  });

  it("covers the five regions for every entry", () => {
    for (const region of REQUIRED_REGIONS) assert.ok(PRICES.regions.includes(region), region);
    for (const [key, e] of Object.entries(PRICES.prices)) {
      for (const region of REQUIRED_REGIONS) assert.equal(typeof e.regions[region], "number", `${key} in ${region}`);
    }
  });

  it("gives every entry a source, a read date and notes; AWS sources are AWS pricing pages", () => {
    for (const [key, e] of Object.entries(PRICES.prices)) {
      assert.ok(e.source.length > 0, key);
      assert.ok(e.readOn.length > 0, key);
      assert.ok(e.notes.length > 20, key);
      if (!e.source.startsWith("seed:")) assert.match(e.source, /^https:\/\/aws\.amazon\.com\/[\w-]+\/pricing\//, key);
    }
  });

  it("claims no reading it did not do: every AWS price says to verify", () => {
    for (const [key, e] of Object.entries(PRICES.prices)) {
      if (e.source.startsWith("seed:")) continue;
      assert.match(e.readOn, /as of \d{4}-\d{2}, verify/, key);
      assert.doesNotMatch(e.readOn, /2026-11-25/, key);
    }
  });

  it("has every price the model uses", () => {
    for (const key of PRICE_KEYS) assert.ok(PRICES.prices[key], key);
  });

  it("rejects a file with a missing region, a missing source or a non-AWS source", () => {
    const missingRegion = clone();
    delete missingRegion.prices["alb.hour"].regions["eu-west-1"];
    assert.throws(() => parsePriceFile(missingRegion), /prices\.alb\.hour\.regions: no price for eu-west-1/);

    const noSource = clone();
    delete noSource.prices["sqs.requests"].source;
    assert.throws(() => parsePriceFile(noSource), /prices\.sqs\.requests\.source/);

    const elsewhere = clone();
    elsewhere.prices["sns.requests"].source = "https://example.com/sns-prices";
    assert.throws(() => parsePriceFile(elsewhere), /prices\.sns\.requests\.source/);

    const negative = clone();
    negative.prices["fargate.vcpuHour"].regions["us-east-1"] = -1;
    assert.throws(() => parsePriceFile(negative), /fargate\.vcpuHour/);
  });

  it("says App Mesh and Service Connect have no charge of their own, and the seed's figure is dubious", () => {
    assert.equal(unitPrice("appmesh.mesh", "us-east-1"), 0);
    assert.equal(unitPrice("ecs.serviceConnect", "us-east-1"), 0);
    const seed = PRICES.prices["appmesh.seedEnvoyProxyHour"];
    assert.match(seed.notes, /dubious/i);
    assert.equal(seed.regions["us-east-1"], SEED_TABLE.find((l) => l.id === "appmesh")?.formula?.unitPrice);
  });

  it("agrees with the seed's us-east-1 unit prices where the seed gives one", () => {
    const seed = (id: string) => SEED_TABLE.find((l) => l.id === id)?.formula?.unitPrice;
    assert.equal(unitPrice("fargate.vcpuHour", "us-east-1"), seed("fargate-vcpu"));
    assert.equal(unitPrice("fargate.gbHour", "us-east-1"), seed("fargate-memory"));
    assert.equal(unitPrice("alb.hour", "us-east-1"), seed("alb"));
    assert.equal(unitPrice("lambda.requests", "us-east-1") * 1e6, 0.2);
    assert.equal(unitPrice("sqs.requests", "us-east-1") * 1e6, 0.4);
    assert.equal(unitPrice("sns.requests", "us-east-1") * 1e6, 0.5);
  });

  it("prices public IPv4 addresses at $0.005 an hour everywhere", () => {
    for (const region of REQUIRED_REGIONS) assert.equal(unitPrice("vpc.publicIpv4Hour", region), 0.005);
  });

  it("prices high-resolution alarms at three times standard ones", () => {
    assert.equal(unitPrice("cloudwatch.alarmHighResolutionMonth", "us-east-1"), 0.3);
    assert.equal(unitPrice("cloudwatch.alarmStandardMonth", "us-east-1"), 0.1);
  });

  it("divides listed prices by what they cover and prorates months over 730 hours", () => {
    assert.equal(unitPrice("sqs.requests", "us-east-1"), 0.4 / 1_000_000);
    assert.equal(hourlyFromMonthly("cloudwatch.dashboardMonth", "us-east-1"), 3 / 730);
  });

  it("falls back to the default region for a region it has no prices for", () => {
    assert.equal(priceRegion("sa-east-1"), "us-east-1");
    assert.equal(priceRegion("eu-central-1"), "eu-central-1");
    assert.equal(unitPrice("fargate.vcpuHour", "sa-east-1"), unitPrice("fargate.vcpuHour", "us-east-1"));
  });
});
