// Template text to a JSON-shaped object. YAML short forms (!Ref, !GetAtt A.B, !Sub ...) become
// their long forms. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
import YAML, { type Tags } from "yaml";
import { validationError } from "../../../core/errors.ts";

const SHORT_FORMS: Record<string, string> = {
  Ref: "Ref",
  Condition: "Condition",
  GetAtt: "Fn::GetAtt",
  Sub: "Fn::Sub",
  Join: "Fn::Join",
  Select: "Fn::Select",
  Split: "Fn::Split",
  If: "Fn::If",
  Equals: "Fn::Equals",
  Not: "Fn::Not",
  And: "Fn::And",
  Or: "Fn::Or",
  FindInMap: "Fn::FindInMap",
  ImportValue: "Fn::ImportValue",
  GetAZs: "Fn::GetAZs",
  Base64: "Fn::Base64",
  Cidr: "Fn::Cidr",
  Length: "Fn::Length",
  ToJsonString: "Fn::ToJsonString",
};

/** `!GetAtt A.B.C` is `["A", "B.C"]`: the logical id never contains a dot, attribute names may. */
const splitGetAtt = (s: string) => {
  const i = s.indexOf(".");
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
};

const customTags: Tags = Object.entries(SHORT_FORMS).flatMap(([short, long]) => [
  { tag: `!${short}`, resolve: (s: string) => ({ [long]: long === "Fn::GetAtt" ? splitGetAtt(s) : s }) },
  { tag: `!${short}`, collection: "seq" as const, resolve: (seq: any) => ({ [long]: seq.toJSON() }) },
  { tag: `!${short}`, collection: "map" as const, resolve: (map: any) => ({ [long]: map.toJSON() }) },
]);

export function parseTemplateBody(body: string): Record<string, unknown> {
  const text = body.trim();
  let parsed: unknown;
  if (text.startsWith("{")) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw validationError(`Template format error: JSON not well-formed. (${(e as Error).message})`);
    }
  } else {
    const doc = YAML.parseDocument(text, { customTags, uniqueKeys: true, prettyErrors: false });
    if (doc.errors.length) {
      const err = doc.errors[0];
      const pos = err.linePos?.[0];
      throw validationError(`Template format error: YAML not well-formed. (line ${pos?.line ?? "?"}, column ${pos?.col ?? "?"})`);
    }
    // `yaml` only warns about a tag it does not know (`!Explode x`); CloudFormation rejects the template.
    const tag = doc.warnings.find((w) => w.code === "TAG_RESOLVE_FAILED");
    if (tag) throw validationError(`Template format error: YAML not well-formed. (${tag.message.split("\n")[0]})`);
    try {
      parsed = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      // e.g. `*x` without an anchor `&x`, or an alias bomb over maxAliasCount
      throw validationError(`Template format error: YAML not well-formed. (${(e as Error).message})`);
    }
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw validationError("Template format error: template must be a JSON object or a YAML mapping.");
  }
  return parsed as Record<string, unknown>;
}
