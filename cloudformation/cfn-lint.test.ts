// The templates pass cfn-lint with no finding at any level (errors, warnings, informational),
// and our own least-privilege and encryption rules.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "node:test";
import { loadTemplates, type Resource, TEMPLATE_DIR, templateFiles } from "./template.ts";

const templates = loadTemplates();
const resources = Object.entries(templates).flatMap(([file, t]) => Object.entries(t.Resources).map(([id, r]) => ({ file, id, r })));
const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe("cfn-lint", () => {
  it("finds the lab stacks' templates and the AWS-only images template", () => {
    assert.deepEqual(templateFiles(), [
      "bootstrap.yaml",
      "images.yaml",
      "messaging.yaml",
      "network.yaml",
      "resilience.yaml",
      "services-appmesh.yaml",
      "services-connect.yaml",
      "ttl.yaml",
    ]);
  });

  it("reports nothing for any template, informational findings included", () => {
    const files = templateFiles().map((f) => join(TEMPLATE_DIR, f));
    const run = spawnSync("cfn-lint", ["--include-checks", "I", "--", ...files], { encoding: "utf8", timeout: 240_000 });
    assert.equal(run.error, undefined, `cfn-lint could not run: ${run.error?.message}`);
    assert.equal(`${run.stdout}${run.stderr}`, "");
    assert.equal(run.status, 0);
  });

  it("suppresses only W3696 (App Mesh's end), and only in the App Mesh template", () => {
    for (const [file, t] of Object.entries(templates)) {
      const ignored = t.Metadata?.["cfn-lint"]?.config?.ignore_checks;
      assert.deepEqual(ignored, file === "services-appmesh.yaml" ? ["W3696"] : undefined, file);
      for (const [id, r] of Object.entries(t.Resources)) assert.equal(r.Metadata?.["cfn-lint"], undefined, `${file} ${id} suppresses a rule`);
    }
  });
});

// ── our own rules ───────────────────────────────────────────────────────

/** Actions that have no resource-level permissions, so "*" is the only resource they take. */
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
const RESOURCELESS_ACTIONS = new Set([
  "cloudwatch:PutMetricData",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "ecr:GetAuthorizationToken",
  // The TTL function's deletions (ttl.yaml): the calls CloudFormation makes around them.
  "ecs:DeregisterTaskDefinition",
  "ecs:DescribeTaskDefinition",
  "elasticloadbalancing:DescribeLoadBalancers",
  "elasticloadbalancing:DescribeTargetGroups",
  "elasticloadbalancing:DescribeListeners",
  "elasticloadbalancing:DescribeRules",
  "servicediscovery:GetOperation",
  "ec2:DescribeVpcs",
  "ec2:DescribeSubnets",
  "ec2:DescribeRouteTables",
  "ec2:DescribeInternetGateways",
  "ec2:DescribeSecurityGroups",
  "ec2:DescribeNetworkInterfaces",
]);

function policyDocuments(r: Resource): unknown[] {
  const p = r.Properties ?? {};
  switch (r.Type) {
    case "AWS::IAM::Role":
      return [...asList(p.Policies).map((x) => (x as { PolicyDocument: unknown }).PolicyDocument)];
    case "AWS::IAM::Policy":
    case "AWS::IAM::ManagedPolicy":
    case "AWS::SQS::QueuePolicy":
    case "AWS::SNS::TopicPolicy":
    case "AWS::S3::BucketPolicy":
      return [p.PolicyDocument];
    default:
      return [];
  }
}

const statements = resources.flatMap(({ file, id, r }) =>
  policyDocuments(r).flatMap((doc) => asList((doc as { Statement: unknown }).Statement).map((s) => ({ where: `${file} ${id}`, s: s as Record<string, unknown> }))),
);

describe("IAM policies", () => {
  it("has policies to check", () => {
    assert.ok(statements.length > 20, `found ${statements.length} statements`);
  });

  it("no statement allows Action * on Resource *", () => {
    for (const { where, s } of statements) {
      const actions = asList(s.Action);
      const res = asList(s.Resource);
      assert.ok(!(actions.includes("*") && res.includes("*")), `${where} ${s.Sid ?? ""}: Action * on Resource *`);
    }
  });

  it("no Allow grants a whole service (x:*) or every action", () => {
    for (const { where, s } of statements) {
      if (s.Effect !== "Allow") continue;
      for (const a of asList(s.Action)) assert.ok(typeof a === "string" && !a.endsWith("*"), `${where} ${s.Sid ?? ""}: ${a}`);
      assert.equal(s.NotAction, undefined, where);
    }
  });

  it("Resource * only for actions that cannot be scoped", () => {
    for (const { where, s } of statements) {
      if (s.Effect !== "Allow" || !asList(s.Resource).includes("*")) continue;
      for (const a of asList(s.Action)) assert.ok(RESOURCELESS_ACTIONS.has(a as string), `${where}: ${a} on *`);
    }
  });

  it("metrics may only go to the lab's namespace", () => {
    for (const { where, s } of statements) {
      if (!asList(s.Action).includes("cloudwatch:PutMetricData")) continue;
      assert.deepEqual(s.Condition, { StringEquals: { "cloudwatch:namespace": "CrossServiceLab" } }, where);
    }
  });
});

describe("SQS queues", () => {
  const queues = resources.filter(({ r }) => r.Type === "AWS::SQS::Queue");

  it("every queue has SqsManagedSseEnabled true", () => {
    assert.equal(queues.length, 6);
    for (const { id, r } of queues) assert.equal(r.Properties?.SqsManagedSseEnabled, true, id);
  });
});
