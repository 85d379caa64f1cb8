// Reads the lab's templates as plain objects: YAML with CloudFormation's short-form tags
// turned into their long forms (`!Ref X` -> `{Ref: X}`, `!GetAtt A.B` -> `{"Fn::GetAtt": [A, B]}`).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse, type ScalarTag, type YAMLMap, type YAMLSeq } from "yaml";

export const TEMPLATE_DIR = import.meta.dirname;

export interface Resource {
  Type: string;
  Properties?: Record<string, any>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  Metadata?: Record<string, any>;
}

export interface Template {
  Description?: string;
  Metadata?: Record<string, any>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, Resource>;
  Outputs?: Record<string, { Value: unknown; Export?: { Name: unknown } }>;
}

const FUNCTIONS = ["Base64", "Cidr", "FindInMap", "GetAZs", "If", "ImportValue", "Join", "Select", "Split", "Sub", "Equals", "Not", "And", "Or"];

function tagsFor(short: string, long: string) {
  const scalar = {
    tag: `!${short}`,
    resolve: (value: string) =>
      long === "Fn::GetAtt" ? { [long]: value.split(/\.(.*)/s).filter(Boolean) } : { [long]: value },
  } as ScalarTag;
  const seq = { tag: `!${short}`, collection: "seq" as const, resolve: (node: YAMLSeq) => ({ [long]: node.toJSON() }) };
  const map = { tag: `!${short}`, collection: "map" as const, resolve: (node: YAMLMap) => ({ [long]: node.toJSON() }) };
  return [scalar, seq, map];
}

const CUSTOM_TAGS = [
  ...tagsFor("Ref", "Ref"),
  ...tagsFor("Condition", "Condition"),
  ...tagsFor("GetAtt", "Fn::GetAtt"),
  ...FUNCTIONS.flatMap((f) => tagsFor(f, `Fn::${f}`)),
];

export function parseTemplate(text: string): Template {
  return parse(text, { customTags: CUSTOM_TAGS as never, maxAliasCount: 0 }) as Template;
}

export function templateFiles(): string[] {
  return readdirSync(TEMPLATE_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort();
}

export function loadTemplate(file: string): Template {
  return parseTemplate(readFileSync(join(TEMPLATE_DIR, file), "utf8"));
}

export function loadTemplates(): Record<string, Template> {
  return Object.fromEntries(templateFiles().map((f) => [f, loadTemplate(f)]));
}

