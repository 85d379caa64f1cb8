import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { STACKS } from "./contract.ts";
import { newJob } from "./progress.ts";
import { overallState, type StackStatusRow } from "./status.ts";

const rows = (statuses: Partial<Record<string, string>>): StackStatusRow[] => Object.values(STACKS).map((name) => ({ name, status: statuses[name] }));
const base = { [STACKS.bootstrap]: "CREATE_COMPLETE", [STACKS.network]: "CREATE_COMPLETE", [STACKS.messaging]: "UPDATE_COMPLETE", [STACKS.resilience]: "CREATE_COMPLETE" };

describe("overallState", () => {
  it("is Not deployed without stacks", () => {
    assert.deepEqual(overallState(rows({})), { state: "not-deployed", label: "Not deployed" });
  });

  it("is Running with every base stack and one services stack complete", () => {
    assert.equal(overallState(rows({ ...base, [STACKS.servicesConnect]: "CREATE_COMPLETE" })).label, "Running");
    assert.equal(overallState(rows({ ...base, [STACKS.servicesAppMesh]: "UPDATE_ROLLBACK_COMPLETE" })).label, "Running");
  });

  it("is Partly deployed when a stack is missing", () => {
    assert.deepEqual(overallState(rows(base)), { state: "partial", label: "Partly deployed 4/5" });
  });

  it("is Failed when a stack rolled back or could not be deleted", () => {
    assert.equal(overallState(rows({ ...base, [STACKS.servicesConnect]: "ROLLBACK_COMPLETE" })).label, "Failed");
    assert.equal(overallState(rows({ [STACKS.bootstrap]: "DELETE_FAILED" })).label, "Failed");
  });

  it("follows CloudFormation when a stack is in progress", () => {
    assert.equal(overallState(rows({ [STACKS.bootstrap]: "CREATE_IN_PROGRESS" })).state, "deploying");
    assert.equal(overallState(rows({ ...base, [STACKS.servicesConnect]: "DELETE_IN_PROGRESS" })).label, "Cleaning up");
  });

  it("prefers the console's running job: Deploying 12/47, Cleaning up", () => {
    const job = { ...newJob("j", "deploy", "x"), stacks: [{ name: "a", done: 12, total: 47, resources: {} }] };
    assert.deepEqual(overallState(rows({}), job), { state: "deploying", label: "Deploying 12/47" });
    assert.equal(overallState(rows({}), { ...job, stacks: [] }).label, "Deploying…");
    assert.equal(overallState(rows(base), { ...job, kind: "cleanup" }).label, "Cleaning up");
    assert.equal(overallState(rows({}), { ...job, state: "succeeded" }).label, "Not deployed");
  });
});
