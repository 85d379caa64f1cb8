// Parameter values: defaults, types and constraints, with AWS's messages.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html
import { validationError } from "../../../core/errors.ts";
import type { ParameterDecl, Template } from "./template.ts";

export type ParameterValue = string | string[];

export interface GivenParameter {
  ParameterKey?: string;
  ParameterValue?: string;
  UsePreviousValue?: boolean;
}

const isList = (type: string) => type === "CommaDelimitedList" || type.startsWith("List<");
const SCALAR_TYPES = /^(String|Number|AWS::EC2::[A-Za-z]+::[A-Za-z]+(::[A-Za-z]+)?|AWS::Route53::HostedZone::Id)$/;
const LIST_TYPES = /^(CommaDelimitedList|List<(Number|String|AWS::EC2::[A-Za-z]+::[A-Za-z]+(::[A-Za-z]+)?|AWS::Route53::HostedZone::Id)>)$/;

export function checkParameterType(name: string, type: string) {
  if (type.startsWith("AWS::SSM::Parameter::")) {
    throw validationError(
      `Parameter '${name}' has type ${type}: SSM parameter types are not supported by the local emulator (it has no SSM Parameter Store). Use a String parameter and pass the value.`,
    );
  }
  if (!SCALAR_TYPES.test(type) && !LIST_TYPES.test(type)) {
    throw validationError(`Template format error: Unrecognized parameter type: ${type}`);
  }
}

const isNumber = (s: string) => s.trim() !== "" && !Number.isNaN(Number(s));

function checkConstraints(name: string, d: ParameterDecl, raw: string) {
  const fail = (msg: string) => {
    throw validationError(d.ConstraintDescription ? `Parameter '${name}' failed to satisfy constraint: ${d.ConstraintDescription}` : `Parameter '${name}' ${msg}`);
  };
  const items = isList(d.Type) ? raw.split(",").map((s) => s.trim()) : [raw];
  if (d.Type === "Number" || d.Type === "List<Number>") {
    for (const v of items) if (!isNumber(v)) throw validationError(`Parameter '${name}' must be a number`);
  }
  if (d.AllowedValues && !items.every((v) => d.AllowedValues!.map(String).includes(v))) {
    fail("must be one of AllowedValues");
  }
  if (d.AllowedPattern !== undefined) {
    const re = new RegExp(`^(?:${d.AllowedPattern})$`);
    for (const v of items) if (!re.test(v)) fail(`failed to satisfy constraint: Must match pattern ${d.AllowedPattern}`);
  }
  if (d.MinLength !== undefined && raw.length < Number(d.MinLength)) fail(`must contain at least ${d.MinLength} characters`);
  if (d.MaxLength !== undefined && raw.length > Number(d.MaxLength)) fail(`must contain at most ${d.MaxLength} characters`);
  for (const v of items) {
    if (d.MinValue !== undefined && Number(v) < Number(d.MinValue)) fail(`must be a number not less than ${d.MinValue}`);
    if (d.MaxValue !== undefined && Number(v) > Number(d.MaxValue)) fail(`must be a number not greater than ${d.MaxValue}`);
  }
}

/** Raw string values per parameter (what DescribeStacks shows) after checks. */
export function resolveParameters(t: Template, given: GivenParameter[] = [], previous: Record<string, string> = {}): Record<string, string> {
  const decls = t.Parameters ?? {};
  const unknown = given.map((g) => g.ParameterKey ?? "").filter((k) => !(k in decls));
  if (unknown.length) throw validationError(`Parameters: [${unknown.join(", ")}] do not exist in the template`);
  const out: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, d] of Object.entries(decls)) {
    checkParameterType(name, d.Type);
    const g = given.find((p) => p.ParameterKey === name);
    let raw: string | undefined;
    if (g?.UsePreviousValue) {
      raw = previous[name];
      if (raw === undefined) throw validationError(`Invalid input for parameter key ${name}. Cannot specify usePreviousValue as true for a parameter key not in the previous template`);
    } else if (g?.ParameterValue !== undefined) raw = g.ParameterValue;
    else if (d.Default !== undefined) raw = Array.isArray(d.Default) ? d.Default.join(",") : String(d.Default);
    if (raw === undefined) {
      missing.push(name);
      continue;
    }
    checkConstraints(name, d, raw);
    out[name] = raw;
  }
  if (missing.length) throw validationError(`Parameters: [${missing.join(", ")}] must have values`);
  return out;
}

/** The value `Ref` gives: lists become arrays, every other type (Number too) a string. */
export function parameterValue(d: ParameterDecl, raw: string): ParameterValue {
  return isList(d.Type) ? (raw === "" ? [] : raw.split(",").map((s) => s.trim())) : raw;
}

export const isNoEcho = (d: ParameterDecl | undefined) => d?.NoEcho === true || d?.NoEcho === "true";
