import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EventPatternError, matchesEventPattern, parseEventPattern } from "./event-pattern.ts";

const event = {
  version: "0",
  id: "1",
  "detail-type": "Order Created",
  source: "lab.orders",
  account: "000000000000",
  region: "us-east-1",
  resources: ["arn:aws:ecs:us-east-1:000000000000:task/a", "arn:aws:ecs:us-east-1:000000000000:task/b"],
  detail: {
    orderId: "ord-123",
    status: "CREATED",
    total: 42.5,
    quantity: 3,
    express: false,
    coupon: null,
    file: "reports/2026/summary.png",
    sourceIp: "10.0.1.17",
    items: [{ sku: "prod-1" }, { sku: "prod-2" }],
    customer: { tier: "gold", country: "DE" },
  },
};

const match = (pattern: object) => matchesEventPattern(parseEventPattern(JSON.stringify(pattern)), event);

describe("event pattern matching", () => {
  it("matches exact values, arrays in the event and nested objects", () => {
    assert.equal(match({ source: ["lab.orders"] }), true);
    assert.equal(match({ source: ["lab.users", "lab.orders"], "detail-type": ["Order Created"] }), true);
    assert.equal(match({ source: ["lab.users"] }), false);
    assert.equal(match({ resources: ["arn:aws:ecs:us-east-1:000000000000:task/b"] }), true);
    assert.equal(match({ detail: { customer: { tier: ["gold"] } } }), true);
    assert.equal(match({ detail: { customer: { tier: ["silver"] } } }), false);
    assert.equal(match({ detail: { items: { sku: ["prod-2"] } } }), true);
    assert.equal(match({ detail: { quantity: [3], express: [false], coupon: [null] } }), true);
    assert.equal(match({ detail: { quantity: ["3"] } }), false, "string 3 is not number 3");
  });

  it("fails when a field the pattern names is missing", () => {
    assert.equal(match({ detail: { missing: ["x"] } }), false);
    assert.equal(match({ nope: { inner: ["x"] } }), false);
  });

  it("matches prefix and suffix, also ignoring case", () => {
    assert.equal(match({ detail: { orderId: [{ prefix: "ord-" }] } }), true);
    assert.equal(match({ detail: { orderId: [{ prefix: "ORD-" }] } }), false);
    assert.equal(match({ detail: { orderId: [{ prefix: { "equals-ignore-case": "ORD-" } }] } }), true);
    assert.equal(match({ detail: { file: [{ suffix: ".png" }] } }), true);
    assert.equal(match({ detail: { file: [{ suffix: { "equals-ignore-case": ".PNG" } }] } }), true);
    assert.equal(match({ detail: { file: [{ suffix: ".jpg" }] } }), false);
  });

  it("matches anything-but in all its forms", () => {
    assert.equal(match({ detail: { status: [{ "anything-but": "CANCELLED" }] } }), true);
    assert.equal(match({ detail: { status: [{ "anything-but": ["CREATED", "SHIPPED"] }] } }), false);
    assert.equal(match({ detail: { quantity: [{ "anything-but": [1, 2] }] } }), true);
    assert.equal(match({ detail: { orderId: [{ "anything-but": { prefix: "ord-" } }] } }), false);
    assert.equal(match({ detail: { orderId: [{ "anything-but": { suffix: "-999" } }] } }), true);
    assert.equal(match({ detail: { status: [{ "anything-but": { "equals-ignore-case": ["created"] } }] } }), false);
    assert.equal(match({ detail: { missing: [{ "anything-but": "x" }] } }), false, "anything-but needs the field");
  });

  it("matches numeric ranges and equality", () => {
    assert.equal(match({ detail: { total: [{ numeric: [">", 40, "<=", 42.5] }] } }), true);
    assert.equal(match({ detail: { total: [{ numeric: [">", 42.5] }] } }), false);
    assert.equal(match({ detail: { quantity: [{ numeric: ["=", 3] }] } }), true);
    assert.equal(match({ detail: { orderId: [{ numeric: [">", 0] }] } }), false, "strings are not numbers");
  });

  it("matches exists true and false", () => {
    assert.equal(match({ detail: { orderId: [{ exists: true }] } }), true);
    assert.equal(match({ detail: { missing: [{ exists: false }] } }), true);
    assert.equal(match({ detail: { orderId: [{ exists: false }] } }), false);
    assert.equal(match({ detail: { customer: [{ exists: true }] } }), false, "exists matches leaves only");
  });

  it("matches equals-ignore-case, wildcard and cidr", () => {
    assert.equal(match({ detail: { status: [{ "equals-ignore-case": "created" }] } }), true);
    assert.equal(match({ detail: { file: [{ wildcard: "reports/*/summary.*" }] } }), true);
    assert.equal(match({ detail: { file: [{ wildcard: "reports/*.jpg" }] } }), false);
    assert.equal(match({ detail: { sourceIp: [{ cidr: "10.0.0.0/16" }] } }), true);
    assert.equal(match({ detail: { sourceIp: [{ cidr: "10.1.0.0/16" }] } }), false);
  });

  it("matches $or alternatives at any level", () => {
    assert.equal(match({ source: ["lab.orders"], $or: [{ detail: { status: ["SHIPPED"] } }, { detail: { quantity: [{ numeric: [">", 2] }] } }] }), true);
    assert.equal(match({ $or: [{ source: ["x"] }, { "detail-type": ["y"] }] }), false);
    assert.equal(match({ detail: { $or: [{ status: ["SHIPPED"] }, { customer: { country: ["DE"] } }] } }), true);
  });

  it("rejects invalid patterns with a reason", () => {
    const bad = [
      "not json",
      "[]",
      '{"source": "lab.orders"}',
      '{"source": []}',
      '{"detail": {"n": [{"numeric": [">", "x"]}]}}',
      '{"detail": {"n": [{"numeric": [">", 1, ">", 2]}]}}',
      '{"detail": {"n": [{"exists": "yes"}]}}',
      '{"detail": {"n": [{"prefix": 5}]}}',
      '{"detail": {"n": [{"unknown-op": 5}]}}',
      '{"detail": {"n": [{"wildcard": "a**b"}]}}',
      '{"$or": [{"source": ["a"]}]}',
      '{"detail": {"n": [{"cidr": "10.0.0.0/40"}]}}',
    ];
    for (const p of bad) assert.throws(() => parseEventPattern(p), EventPatternError, p);
  });
});
