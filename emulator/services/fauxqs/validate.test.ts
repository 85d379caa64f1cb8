import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { messageAttributesError, snsFormAttributes } from "./validate.ts";

describe("snsFormAttributes", () => {
  it("reads the query form's entries, a name such as __proto__ included, without touching any prototype", () => {
    const body = {
      "MessageAttributes.entry.1.Name": "eventType",
      "MessageAttributes.entry.1.Value.DataType": "String",
      "MessageAttributes.entry.1.Value.StringValue": "order_created",
      "MessageAttributes.entry.2.Name": "__proto__",
      "MessageAttributes.entry.2.Value.DataType": "Bogus",
      "MessageAttributes.entry.2.Value.StringValue": "x",
    };
    const attributes = snsFormAttributes(body, "MessageAttributes");
    assert.deepEqual(Object.keys(attributes), ["eventType", "__proto__"]);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    assert.equal(({} as Record<string, unknown>).DataType, undefined);
    // The bad type is seen, so the request is refused instead of the attribute vanishing.
    assert.match(messageAttributesError(attributes, { sns: true }) ?? "", /__proto__|DataType|type/i);
  });
});
