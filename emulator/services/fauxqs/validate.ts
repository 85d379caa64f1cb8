// Request checks AWS makes and fauxqs skips, run before fauxqs sees the request.
// Message attributes: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
// and https://docs.aws.amazon.com/sns/latest/dg/sns-message-attributes.html (same rules for names,
// types and values, including the reserved AWS./Amazon. prefixes; SQS allows at most 10 per message).

export interface AttributeValue {
  DataType?: string;
  StringValue?: string;
  BinaryValue?: string;
}

const NAME_CHARS = /^[A-Za-z0-9_.-]+$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The AWS message for the first invalid attribute, or undefined. `sns` allows String.Array. */
export function messageAttributesError(attrs: Record<string, AttributeValue | undefined>, opts: { sns: boolean }): string | undefined {
  const names = Object.keys(attrs);
  if (!opts.sns && names.length > 10) return `Number of message attributes [${names.length}] exceeds the allowed maximum [10].`;
  for (const name of names) {
    const a = attrs[name] ?? {};
    if (!name) return "The request must contain non-empty message attribute name.";
    if (name.length > 256) return "Length of message attribute name must be less than 256 bytes.";
    if (!NAME_CHARS.test(name)) return "Invalid non-alphanumeric character was found in the message attribute name. Can only include alphanumeric characters, hyphens, underscores, or dots.";
    if (name.startsWith(".")) return "Invalid message attribute name starting with character '.' was found.";
    if (name.endsWith(".")) return "Invalid message attribute name ending with character '.' was found.";
    if (name.includes("..")) return "Message attribute name can not have successive '.' character.";
    if (/^(aws|amazon)\./i.test(name)) return `You can't use the reserved prefix in the message attribute name '${name}'.`;
    const type = a.DataType ?? "";
    if (!type) return `The message attribute '${name}' must contain non-empty message attribute type.`;
    const base = type.split(".")[0];
    if (!["String", "Number", "Binary"].includes(base) || type.length > 256) {
      return `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`;
    }
    const field = base === "Binary" ? "BinaryValue" : "StringValue";
    const value = a[field];
    if (value === undefined && a[base === "Binary" ? "StringValue" : "BinaryValue"] !== undefined) {
      return `The message attribute '${name}' with type '${type}' must use field '${base === "Binary" ? "Binary" : "String"}'.`;
    }
    if (!value) return `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${type}'.`;
    if (base === "Number" && !(NUMBER.test(value.trim()) && Number.isFinite(Number(value)))) return `Could not cast message attribute '${name}' value to number.`;
    if (base === "Binary" && !/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return `The message attribute '${name}' has an invalid binary value.`;
    if (opts.sns && type === "String.Array" && !isJsonArray(value)) return `Invalid parameter: MessageAttributes Reason: ${name} is not a valid String.Array.`;
  }
  return undefined;
}

function isJsonArray(s: string) {
  try {
    return Array.isArray(JSON.parse(s));
  } catch {
    return false;
  }
}

/** SNS query form `<prefix>.entry.N.Name / .Value.DataType / .Value.StringValue / .Value.BinaryValue`. */
export function snsFormAttributes(body: Record<string, string>, prefix: string): Record<string, AttributeValue> {
  // No prototype: "__proto__" is a valid attribute name and must be a key like any other.
  const out: Record<string, AttributeValue> = Object.create(null);
  for (let i = 1; `${prefix}.entry.${i}.Name` in body; i++) {
    const p = `${prefix}.entry.${i}.`;
    out[body[`${p}Name`]] = { DataType: body[`${p}Value.DataType`], StringValue: body[`${p}Value.StringValue`], BinaryValue: body[`${p}Value.BinaryValue`] };
  }
  return out;
}

/** https://docs.aws.amazon.com/sns/latest/api/API_Publish.html: with MessageStructure=json the message is a JSON object with a string "default". */
export function messageStructureError(message: string | undefined): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message ?? "");
  } catch {
    return "Invalid parameter: Message Structure - JSON message body failed to parse";
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "Invalid parameter: Message Structure - JSON message body failed to parse";
  const d = (parsed as Record<string, unknown>).default;
  if (typeof d !== "string") return "Invalid parameter: Message Structure - No default entry in JSON message body";
  return undefined;
}

/** https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_CreateQueue.html */
export const validQueueName = (name: string) => /^[A-Za-z0-9_-]{1,80}$/.test(name) || /^[A-Za-z0-9_-]{1,75}\.fifo$/.test(name);
