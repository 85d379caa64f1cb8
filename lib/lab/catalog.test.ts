import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ALL_STACKS, catalog, DEFAULT_PARAMETERS, parametersFromEnv, readTemplate, stackParameters, stacksNamed, TEMPLATE_BODY_LIMIT, templateNeeds } from "./catalog.ts";
import { LAB_TAG, STACKS, stackOrder } from "./contract.ts";

describe("catalog", () => {
  it("lists the stacks in the contract's order, each tagged and acknowledging named IAM", () => {
    for (const variant of ["appmesh", "connect"] as const) {
      const stacks = catalog(variant);
      assert.deepEqual(stacks.map((s) => s.name), stackOrder(variant));
      for (const s of stacks) {
        assert.deepEqual(s.tags, [LAB_TAG]);
        assert.deepEqual(s.capabilities, ["CAPABILITY_NAMED_IAM"]);
        assert.match(s.template, /^cloudformation\/.+\.yaml$/);
      }
    }
    assert.equal(ALL_STACKS.length, 8);
  });

  it("reads every template: its parameters and how many resources it declares", async () => {
    for (const name of ALL_STACKS) {
      const t = await readTemplate(stacksNamed([name])[0]);
      assert.ok(t.resourceCount > 0, `${name} declares resources`);
      assert.equal(t.sha256.length, 64);
    }
    const stack = (name: string) => catalog("connect").find((s) => s.name === name) ?? catalog("connect")[0];
    const resilience = await readTemplate(stack(STACKS.resilience));
    assert.ok(templateNeeds(resilience).lambdaBundles);
    assert.ok(templateNeeds(await readTemplate(stack(STACKS.ttl))).lambdaBundles, "the TTL function is bundled too");
    const services = await readTemplate(stack(STACKS.servicesConnect));
    assert.ok(templateNeeds(services).images);
    assert.ok(services.bytes < TEMPLATE_BODY_LIMIT || templateNeeds(services).images);
  });
});

describe("stackParameters", () => {
  const ctx = { lambdaKeys: { "circuit-breaker-manager": "lambdas/circuit-breaker-manager-abc.zip" }, repositoryUriPrefix: "1.dkr.ecr.r.amazonaws.com/cross-service-lab" };
  const value = (declared: string[], params = DEFAULT_PARAMETERS) => Object.fromEntries(stackParameters(declared, params, ctx).map((p) => [p.ParameterKey, p.ParameterValue]));

  it("passes only what the template declares, leaving the rest to its defaults", () => {
    assert.deepEqual(value(["ListenerPort", "VpcCidr"]), { ListenerPort: "8080" });
    assert.deepEqual(value(["HealthCheckerKey"]), {}, "no bundle key known: the template default stays");
  });

  it("fills bundle keys, image URIs, breaker thresholds and canary weights", () => {
    const v = value(["CircuitBreakerManagerKey", "UserServiceImage", "InventoryServiceV2Image", "FailureThreshold", "OpenSeconds", "InventoryV1Weight", "InventoryV2Weight"], {
      ...DEFAULT_PARAMETERS,
      breaker: { ...DEFAULT_PARAMETERS.breaker, openSeconds: 30 },
    });
    assert.deepEqual(v, {
      CircuitBreakerManagerKey: "lambdas/circuit-breaker-manager-abc.zip",
      UserServiceImage: "1.dkr.ecr.r.amazonaws.com/cross-service-lab/user-service:latest",
      InventoryServiceV2Image: "1.dkr.ecr.r.amazonaws.com/cross-service-lab/inventory-service-v2:latest",
      FailureThreshold: "5",
      OpenSeconds: "30",
      InventoryV1Weight: "90",
      InventoryV2Weight: "10",
    });
  });

  it("reads LISTENER_PORT and names it when it is wrong", () => {
    assert.deepEqual(parametersFromEnv({}), {});
    assert.deepEqual(parametersFromEnv({ LISTENER_PORT: "8166" }), { listenerPort: 8166 });
    assert.throws(() => parametersFromEnv({ LISTENER_PORT: "http" }), /LISTENER_PORT.*"http"/);
  });
});
