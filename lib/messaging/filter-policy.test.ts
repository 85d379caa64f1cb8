import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { evaluateFilterPolicy, type FilterMessageAttribute, validateFilterPolicy } from "./filter-policy.ts";

const S = (v: string): FilterMessageAttribute => ({ DataType: "String", StringValue: v });
const N = (v: number | string): FilterMessageAttribute => ({ DataType: "Number", StringValue: String(v) });
const A = (v: unknown[]): FilterMessageAttribute => ({ DataType: "String.Array", StringValue: JSON.stringify(v) });
const attrs = (messageAttributes: Record<string, FilterMessageAttribute>) => ({ messageAttributes });

// [name, policy, attributes, expected match]
const attributeCases: [string, object, Record<string, FilterMessageAttribute>, boolean][] = [
  ["exact string in list", { eventType: ["order_created", "order_cancelled"] }, { eventType: S("order_created") }, true],
  ["exact string not in list", { eventType: ["order_created", "order_cancelled"] }, { eventType: S("order_shipped") }, false],
  ["exact match is case-sensitive", { eventType: ["Order"] }, { eventType: S("order") }, false],
  ["missing attribute fails", { eventType: ["order_created"] }, { other: S("x") }, false],
  ["extra attributes are ignored", { a: ["1"] }, { a: S("1"), b: S("2") }, true],
  ["AND across keys, one fails", { a: ["x"], b: ["y"] }, { a: S("x"), b: S("z") }, false],
  ["numeric exact on Number", { price: [100] }, { price: N("1.0e2") }, true],
  ["numeric literal does not match a String attribute", { price: [100] }, { price: S("100") }, false],
  ["numeric < on Number", { quantity: [{ numeric: ["<", 10] }] }, { quantity: N(5) }, true],
  ["numeric < fails", { quantity: [{ numeric: ["<", 10] }] }, { quantity: N(50) }, false],
  ["numeric range", { p: [{ numeric: [">", 0, "<=", 150] }] }, { p: N(150) }, true],
  ["numeric range lower bound exclusive", { p: [{ numeric: [">", 0, "<=", 150] }] }, { p: N(0) }, false],
  ["numeric on String attribute never matches", { q: [{ numeric: ["<", 10] }] }, { q: S("5") }, false],
  ["numeric = with 5 digits accuracy", { p: [{ numeric: ["=", 301.5] }] }, { p: N("3.015e2") }, true],
  ["prefix", { e: [{ prefix: "order_" }] }, { e: S("order_created") }, true],
  ["prefix fails", { e: [{ prefix: "user_" }] }, { e: S("order_created") }, false],
  ["suffix", { e: [{ suffix: "_created" }] }, { e: S("order_created") }, true],
  ["equals-ignore-case", { e: [{ "equals-ignore-case": "ORDER_created" }] }, { e: S("order_CREATED") }, true],
  ["prefix ignoring case", { e: [{ prefix: { "equals-ignore-case": "ORDER" } }] }, { e: S("order_x") }, true],
  ["anything-but string", { e: [{ "anything-but": "order_cancelled" }] }, { e: S("order_created") }, true],
  ["anything-but string excluded", { e: [{ "anything-but": "order_cancelled" }] }, { e: S("order_cancelled") }, false],
  ["anything-but list", { e: [{ "anything-but": ["a", "b"] }] }, { e: S("c") }, true],
  ["anything-but list excluded", { e: [{ "anything-but": ["a", "b"] }] }, { e: S("b") }, false],
  ["anything-but numbers", { p: [{ "anything-but": [100, 500] }] }, { p: N(100.1) }, true],
  ["anything-but numbers excluded", { p: [{ "anything-but": [100, 500] }] }, { p: N(100) }, false],
  ["anything-but prefix", { e: [{ "anything-but": { prefix: "test_" } }] }, { e: S("prod_1") }, true],
  ["anything-but prefix excluded", { e: [{ "anything-but": { prefix: "test_" } }] }, { e: S("test_1") }, false],
  ["anything-but needs the attribute", { e: [{ "anything-but": "x" }] }, { other: S("y") }, false],
  ["String.Array any element matches", { interests: ["rugby", "tennis"] }, { interests: A(["soccer", "rugby"]) }, true],
  ["String.Array no element matches", { interests: ["rugby"] }, { interests: A(["soccer", "hockey"]) }, false],
  ["String.Array anything-but matches if one element is allowed (AWS doc)", { i: [{ "anything-but": ["rugby", "tennis"] }] }, { i: A(["rugby", "baseball"]) }, true],
  ["String.Array anything-but all excluded", { i: [{ "anything-but": ["rugby", "tennis"] }] }, { i: A(["rugby"]) }, false],
  ["String.Array numeric element", { i: [5] }, { i: A([1, 5]) }, true],
  ["exists true", { store: [{ exists: true }] }, { store: S("x") }, true],
  ["exists true missing", { store: [{ exists: true }] }, { other: S("x") }, false],
  ["exists false absent", { store: [{ exists: false }] }, { other: S("x") }, true],
  ["exists false present", { store: [{ exists: false }] }, { store: S("x") }, false],
  ["exists false with no attributes at all does not match (AWS note)", { store: [{ exists: false }] }, {}, false],
  ["literal or exists:false on a missing key", { e: ["a", { exists: false }] }, { other: S("x") }, true],
  ["cidr v4", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: S("10.0.0.255") }, true],
  ["cidr v4 outside", { ip: [{ cidr: "10.0.0.0/24" }] }, { ip: S("10.0.1.1") }, false],
  ["cidr v6", { ip: [{ cidr: "2001:db8::/32" }] }, { ip: S("2001:db8::1") }, true],
  ["wildcard", { f: [{ wildcard: "img_*.png" }] }, { f: S("img_1.png") }, true],
  ["Binary attributes are ignored", { b: [{ exists: true }] }, { b: { DataType: "Binary", BinaryValue: "AA==" } }, false],
  ["$or either branch", { $or: [{ a: ["1"] }, { b: ["2"] }] }, { b: S("2") }, true],
  ["$or no branch", { $or: [{ a: ["1"] }, { b: ["2"] }] }, { b: S("3") }, false],
  ["$or plus AND key", { c: ["x"], $or: [{ a: ["1"] }, { b: ["2"] }] }, { a: S("1"), c: S("y") }, false],
  ["lab contract: stock_low and quantity < 10", { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] }, { eventType: S("stock_low"), quantity: N(3) }, true],
  ["empty policy matches everything", {}, {}, true],
];

describe("evaluateFilterPolicy on message attributes", () => {
  for (const [name, policy, messageAttributes, expected] of attributeCases) {
    it(name, () => {
      const r = evaluateFilterPolicy(policy, attrs(messageAttributes));
      assert.equal(r.matched, expected, JSON.stringify(r));
      if (!expected && Object.keys(policy).length) assert.ok(r.decidingKey, "a rejection names its deciding key");
    });
  }

  it("accepts the policy as a JSON string", () => {
    assert.equal(evaluateFilterPolicy('{"eventType":["order_created"]}', attrs({ eventType: S("order_created") })).matched, true);
  });

  it("explains a miss in the words a learner reads", () => {
    const r = evaluateFilterPolicy({ eventType: ["order_created", "order_cancelled"] }, attrs({ eventType: S("order_shipped") }));
    assert.equal(r.decidingKey, "eventType");
    assert.equal(r.keys[0].reason, 'eventType: "order_shipped" not in ["order_created","order_cancelled"]');
    assert.equal(r.keys[0].value, "order_shipped");
  });

  it("explains numeric and missing keys", () => {
    const r = evaluateFilterPolicy({ eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }], region: ["eu"] }, attrs({ eventType: S("stock_low"), quantity: N(50) }));
    assert.equal(r.matched, false);
    assert.equal(r.decidingKey, "quantity");
    assert.deepEqual(
      r.keys.map((k) => [k.key, k.matched, k.reason]),
      [
        ["eventType", true, 'eventType: "stock_low" is in ["stock_low"]'],
        ["quantity", false, "quantity: 50 is not < 10"],
        ["region", false, "region: attribute missing"],
      ],
    );
  });

  it("says why a numeric condition cannot match a String attribute", () => {
    const r = evaluateFilterPolicy({ q: [{ numeric: ["<", 10] }] }, attrs({ q: S("5") }));
    assert.match(r.keys[0].reason, /only to Number attributes/);
  });

  it("labels $or branches and names $or as deciding key", () => {
    const r = evaluateFilterPolicy({ $or: [{ a: ["1"] }, { b: ["2"] }] }, attrs({ a: S("0") }));
    assert.equal(r.decidingKey, "$or");
    assert.deepEqual(
      r.keys.map((k) => k.group),
      ["$or[0]", "$or[1]"],
    );
  });

  it("reports an unreadable policy instead of throwing", () => {
    const r = evaluateFilterPolicy("{not json", attrs({}));
    assert.equal(r.matched, false);
    assert.match(r.error ?? "", /invalid filter policy/);
  });
});

describe("evaluateFilterPolicy on the message body", () => {
  const body = JSON.stringify({ eventType: "order_created", order: { quantity: 3, tags: ["gift", "priority"], shipping: { country: "DE" } }, flag: false, note: null });
  const cases: [string, object, boolean][] = [
    ["top-level key", { eventType: ["order_created"] }, true],
    ["nested key", { order: { shipping: { country: ["DE", "FR"] } } }, true],
    ["nested numeric", { order: { quantity: [{ numeric: ["<", 10] }] } }, true],
    ["nested numeric fails", { order: { quantity: [{ numeric: [">", 10] }] } }, false],
    ["array property matches any element", { order: { tags: ["priority"] } }, true],
    ["boolean literal", { flag: [false] }, true],
    ["null literal", { note: [null] }, true],
    ["exists true on null is false", { note: [{ exists: true }] }, false],
    ["missing nested key", { order: { missing: ["x"] } }, false],
    ["$or nested", { $or: [{ order: { quantity: [99] } }, { eventType: [{ prefix: "order" }] }] }, true],
  ];
  for (const [name, policy, expected] of cases) {
    it(name, () => {
      const r = evaluateFilterPolicy(policy, { body }, "MessageBody");
      assert.equal(r.matched, expected, JSON.stringify(r));
    });
  }

  it("names nested keys with dotted paths", () => {
    const r = evaluateFilterPolicy({ order: { quantity: [{ numeric: [">", 10] }] } }, { body }, "MessageBody");
    assert.equal(r.decidingKey, "order.quantity");
    assert.equal(r.keys[0].reason, "order.quantity: 3 is not > 10");
  });

  it("does not match a body that is not JSON", () => {
    const r = evaluateFilterPolicy({ a: ["x"] }, { body: "plain text" }, "MessageBody");
    assert.equal(r.matched, false);
    assert.match(r.keys[0].reason, /not a JSON object/);
  });

  it("refuses nested policies on attribute scope", () => {
    const r = evaluateFilterPolicy({ order: { quantity: [1] } }, attrs({ order: S("x") }));
    assert.equal(r.matched, false);
    assert.match(r.keys[0].reason, /MessageBody/);
  });
});

describe("validateFilterPolicy", () => {
  const invalid: [string, unknown, RegExp, ("MessageAttributes" | "MessageBody")?][] = [
    ["not JSON", "{nope", /failed to parse JSON/],
    ["not an object", "[1,2]", /must be a JSON object/],
    ["scalar leaf", { a: "x" }, /"a" must be an object or an array/],
    ["empty array", { a: [] }, /Empty arrays are not allowed/],
    ["unknown operator", { a: [{ prefx: "x" }] }, /Unrecognized match type prefx/],
    ["numeric not an array", { a: [{ numeric: 5 }] }, /Value of numeric must be an array/],
    ["numeric bad operator", { a: [{ numeric: ["!=", 5] }] }, /Unrecognized numeric range operator/],
    ["numeric value not a number", { a: [{ numeric: ["<", "5"] }] }, /Value of < must be numeric/],
    ["numeric bad range", { a: [{ numeric: ["<", 5, ">", 1] }] }, /Bad numeric range operator/],
    ["numeric too large", { a: [{ numeric: ["<", 2e9] }] }, /between/],
    ["exists not boolean", { a: [{ exists: "yes" }] }, /exists match pattern must be either true or false/],
    ["prefix not a string", { a: [{ prefix: 5 }] }, /prefix match pattern must be a string/],
    ["anything-but mixed list", { a: [{ "anything-but": ["x", 1] }] }, /anything but list/],
    ["bad cidr", { a: [{ cidr: "10.0.0.0" }] }, /Malformed CIDR/],
    ["nested on attributes", { a: { b: ["x"] } }, /does not support nested filter policy/],
    ["six keys", { a: ["1"], b: ["1"], c: ["1"], d: ["1"], e: ["1"], f: ["1"] }, /more than 5 keys/],
    ["too many combinations", { a: Array.from({ length: 13 }, (_, i) => `${i}`), b: Array.from({ length: 12 }, (_, i) => `${i}`) }, /too complex/],
    ["$or with one branch", { $or: [{ a: ["1"] }] }, /\$or/],
  ];
  for (const [name, policy, re, scope] of invalid) {
    it(`rejects ${name}`, () => {
      const r = validateFilterPolicy(policy, scope);
      assert.equal(r.valid, false);
      if (!r.valid) {
        assert.equal(r.code, "InvalidParameter");
        assert.match(r.message, /^Invalid parameter: /);
        assert.match(r.message, re);
      }
    });
  }

  const valid: [string, unknown, ("MessageAttributes" | "MessageBody")?][] = [
    ["the lab's order-processing policy", '{"eventType":["order_created","order_cancelled"]}'],
    ["the lab's inventory policy", { eventType: ["stock_low"], quantity: [{ numeric: ["<", 10] }] }],
    ["every operator", { a: ["x", 1, true, null, { prefix: "p" }, { suffix: "s" }, { "equals-ignore-case": "E" }, { "anything-but": ["q"] }, { numeric: [">=", 0, "<", 5] }, { exists: true }] }],
    ["anything-but prefix and cidr", { a: [{ "anything-but": { prefix: "t" } }], b: [{ cidr: "10.0.0.0/8" }] }],
    ["nested on body", { a: { b: ["x"] } }, "MessageBody"],
    ["$or", { $or: [{ a: ["1"] }, { b: ["2"] }] }],
    ["150 combinations", { a: Array.from({ length: 15 }, (_, i) => `${i}`), b: Array.from({ length: 10 }, (_, i) => `${i}`) }],
  ];
  for (const [name, policy, scope] of valid) {
    it(`accepts ${name}`, () => assert.deepEqual(validateFilterPolicy(policy, scope), { valid: true }));
  }
});
