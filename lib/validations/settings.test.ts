import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseSettingsForm, settingsSchema } from "./settings.ts";

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};

describe("settings schema", () => {
  it("accepts real region codes", () => {
    for (const region of ["us-east-1", "eu-west-2", "ap-southeast-3", "us-gov-west-1", "il-central-1"]) {
      assert.equal(settingsSchema.safeParse({ kind: "local", region }).success, true, region);
    }
  });

  it("rejects malformed regions", () => {
    for (const region of ["", "us-east", "US-EAST-1", "useast1", "us-east-12", "us--east-1", "nowhere-1x"]) {
      assert.equal(settingsSchema.safeParse({ kind: "aws", region }).success, false, region);
    }
  });

  it("accepts profile names from ~/.aws/config and rejects others", () => {
    assert.equal(settingsSchema.safeParse({ kind: "aws", region: "us-east-1", profile: "dev.admin+ro_1" }).success, true);
    for (const profile of ["has space", "a/b", "x".repeat(65), "[default]"]) {
      assert.equal(settingsSchema.safeParse({ kind: "aws", region: "us-east-1", profile }).success, false, profile);
    }
  });

  it("drops a profile from a local target", () => {
    const parsed = settingsSchema.parse({ kind: "local", region: "us-east-1", profile: "dev" });
    assert.deepEqual(parsed, { kind: "local", region: "us-east-1" });
  });
});

describe("parseSettingsForm", () => {
  it("treats an empty profile as the default chain", () => {
    const parsed = parseSettingsForm(form({ kind: "aws", region: "eu-west-1", profile: "  " }));
    assert.deepEqual(parsed.data, { kind: "aws", region: "eu-west-1" });
  });

  it("names the region field when it is wrong", () => {
    const parsed = parseSettingsForm(form({ kind: "aws", region: "moon-1" }));
    assert.equal(parsed.success, false);
    assert.deepEqual(
      parsed.error?.issues.map((i) => i.path.join(".")),
      ["region"],
    );
  });

  it("rejects an unknown target kind", () => {
    assert.equal(parseSettingsForm(form({ kind: "gcp", region: "us-east-1" })).success, false);
  });
});
