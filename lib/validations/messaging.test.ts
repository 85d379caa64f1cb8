import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  type AttributeRow,
  attributeNameProblem,
  attributeProblems,
  attributeValueProblem,
  bodyProblem,
  draftFromForm,
  MAX_ATTRIBUTES,
  purgeSchema,
  redriveSchema,
  validatePublish,
} from "./messaging.ts";

const row = (id: string, name: string, type: AttributeRow["type"], value: string): AttributeRow => ({ id, name, type, value });

describe("message attribute names, as SNS checks them", () => {
  it("accepts letters, digits, _ - and . up to 256 characters", () => {
    for (const ok of ["eventType", "X-Amzn-Trace-Id", "a.b_c-9", "A".repeat(256)]) assert.equal(attributeNameProblem(ok), undefined, ok);
  });

  it("names what is wrong", () => {
    assert.equal(attributeNameProblem(""), "Give it a name.");
    assert.equal(attributeNameProblem("A".repeat(257)), "At most 256 characters (this has 257).");
    assert.equal(attributeNameProblem("event type!"), "Only letters, digits, _ - and . (not space, “!”).");
    assert.equal(attributeNameProblem("AWS.trace"), "The prefixes AWS. and Amazon. are reserved.");
    assert.match(attributeNameProblem("amazon.x") ?? "", /reserved/, "the prefix is reserved in any casing");
    assert.match(attributeNameProblem(".hidden") ?? "", /start or end with a period/);
    assert.match(attributeNameProblem("trailing.") ?? "", /start or end with a period/);
    assert.match(attributeNameProblem("a..b") ?? "", /two periods in a row/);
    assert.equal(attributeNameProblem("AWSomething"), undefined, "only the AWS. prefix with its period is reserved");
  });
});

describe("message attribute values", () => {
  it("rejects empty values of every type", () => {
    for (const type of ["String", "Number", "String.Array"] as const) assert.match(attributeValueProblem(type, "") ?? "", /rejects empty/);
  });

  it("takes Number values within SNS's range and precision", () => {
    for (const ok of ["4", "-3.5", "+0.25", "1e6", "1E-128", "0", "0.000", "12345678901234567890123456789012345678"]) {
      assert.equal(attributeValueProblem("Number", ok), undefined, ok);
    }
    assert.match(attributeValueProblem("Number", "four") ?? "", /Enter a number/);
    assert.match(attributeValueProblem("Number", "1,5") ?? "", /Enter a number/);
    assert.equal(attributeValueProblem("Number", "123456789012345678901234567890123456789"), "At most 38 significant digits.");
    assert.equal(attributeValueProblem("Number", "1e127"), "Out of range: SNS takes 10^-128 to 10^126.");
    assert.match(attributeValueProblem("Number", "1e-129") ?? "", /Out of range/);
    assert.equal(attributeValueProblem("Number", "1000000000000000000000000000000000000000"), undefined, "trailing zeros are trimmed before counting digits");
  });

  it("takes String.Array values that are flat JSON arrays", () => {
    for (const ok of ['["red","blue"]', "[1, 2.5]", '[true, null, "x"]', "[]"]) assert.equal(attributeValueProblem("String.Array", ok), undefined, ok);
    assert.match(attributeValueProblem("String.Array", "red, blue") ?? "", /JSON array/);
    assert.match(attributeValueProblem("String.Array", '"red"') ?? "", /square brackets/);
    assert.equal(attributeValueProblem("String.Array", '["a", ["b"]]'), "Item 2 is an array; use strings, numbers, true, false or null.");
    assert.equal(attributeValueProblem("String.Array", '[{"a":1}]'), "Item 1 is an object; use strings, numbers, true, false or null.");
  });

  it("rejects control characters SNS can't carry", () => {
    assert.match(attributeValueProblem("String", "a\u0001b") ?? "", /control characters/);
    assert.equal(attributeValueProblem("String", "tab\tand\nline"), undefined);
  });
});

describe("attribute rows", () => {
  it("keys errors by row id and catches duplicate names", () => {
    const problems = attributeProblems([row("a", "eventType", "String", "x"), row("b", "eventType", "Number", "nope"), row("c", "ok", "String", "y")]);
    assert.deepEqual(Object.keys(problems.rows), ["b"]);
    assert.equal(problems.rows.b.name, "Attribute 1 has this name; names must be unique.");
    assert.match(problems.rows.b.value ?? "", /Enter a number/);
    assert.equal(problems.list, undefined);
  });

  it("allows at most 10 attributes", () => {
    const rows = Array.from({ length: MAX_ATTRIBUTES + 2 }, (_, i) => row(String(i), `a${i}`, "String", "v"));
    assert.equal(attributeProblems(rows).list, "SNS delivers at most 10 attributes to a queue; remove 2.");
    assert.equal(attributeProblems(rows.slice(0, MAX_ATTRIBUTES)).list, undefined);
  });
});

describe("the publish form", () => {
  const form = (fields: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return f;
  };

  it("never lets a row id from a request write into Object.prototype", () => {
    const hostile = ["__proto__", "constructor", "toString", "../x", "", "dup", "dup"];
    const fields: [string, string][] = [["topic", "order-events"], ["body", "{}"]];
    for (const id of hostile) fields.push(["attributeId", id], ["attributeName", ""], ["attributeType", "Bogus"], ["attributeValue", ""]);
    const draft = draftFromForm(form(fields));
    assert.deepEqual(
      draft.attributes.map((r) => r.id),
      ["row-0", "row-1", "row-2", "row-3", "row-4", "dup", "row-6"],
    );
    const result = validatePublish(draft);
    assert.equal(result.success, false);
    if (!result.success) assert.equal(Object.keys(result.errors.rows).length, hostile.length);
    // Before the fix, `errors.rows["__proto__"].type = …` gave every object in the server a `type`.
    assert.equal(({} as Record<string, unknown>).type, undefined);
    assert.equal((Object as unknown as Record<string, unknown>).name === "Object", true);
  });

  it("reads parallel attribute fields into rows", () => {
    const draft = draftFromForm(
      form([
        ["topic", "inventory-events"],
        ["body", '{"productId":"p"}'],
        ["attributeId", "r1"],
        ["attributeName", "eventType"],
        ["attributeType", "String"],
        ["attributeValue", "stock_low"],
        ["attributeId", "r2"],
        ["attributeName", "quantity"],
        ["attributeType", "Number"],
        ["attributeValue", "4"],
      ]),
    );
    assert.deepEqual(draft, {
      topic: "inventory-events",
      body: '{"productId":"p"}',
      attributes: [row("r1", "eventType", "String", "stock_low"), row("r2", "quantity", "Number", "4")],
    });
    assert.equal(validatePublish(draft).success, true);
  });

  it("puts each problem next to its field", () => {
    const result = validatePublish({
      topic: "lab-alarms",
      body: "{not json",
      attributes: [row("r1", "AWS.x", "String", "v"), row("r2", "n", "Number", "ten")],
    });
    assert.equal(result.success, false);
    if (result.success) return;
    assert.match(result.errors.topic ?? "", /order-events, user-events, inventory-events/);
    assert.match(result.errors.body ?? "", /not valid JSON/);
    assert.deepEqual(Object.keys(result.errors.rows), ["r1", "r2"]);
    assert.match(result.errors.rows.r1.name ?? "", /AWS\. and Amazon\. are reserved/);
    assert.equal(result.errors.rows.r1.value, undefined);
    assert.match(result.errors.rows.r2.value ?? "", /Enter a number/);
  });

  it("refuses a message above 256 KiB with its attributes", () => {
    const body = JSON.stringify({ pad: "x".repeat(262_144) });
    const result = validatePublish({ topic: "order-events", body, attributes: [] });
    assert.equal(result.success, false);
    if (!result.success) assert.match(result.errors.body ?? "", /at most 256 KiB/);
  });

  it("wants a JSON body", () => {
    assert.match(bodyProblem("  ") ?? "", /Write a message body/);
    assert.equal(bodyProblem('{"orderId":"1"}'), undefined);
  });
});

describe("queue actions", () => {
  it("take only the lab's queues", () => {
    assert.equal(redriveSchema.safeParse({ dlq: "order-processing-dlq" }).data?.speed, "auto");
    assert.equal(redriveSchema.safeParse({ dlq: "order-processing" }).success, false, "redrive starts from a DLQ");
    assert.equal(purgeSchema.safeParse({ queue: "analytics-dlq" }).success, true);
    assert.equal(purgeSchema.safeParse({ queue: "someone-elses-queue" }).success, false);
  });
});
