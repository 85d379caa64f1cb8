// Template structure, structural validation and the reference scan that feeds the graph.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html
import { validationError } from "../../../core/errors.ts";

export interface ResourceDecl {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: unknown;
}

export interface ParameterDecl {
  Type: string;
  Default?: unknown;
  Description?: string;
  AllowedValues?: unknown[];
  AllowedPattern?: string;
  MinLength?: number | string;
  MaxLength?: number | string;
  MinValue?: number | string;
  MaxValue?: number | string;
  NoEcho?: boolean | string;
  ConstraintDescription?: string;
}

export interface OutputDecl {
  Value: unknown;
  Description?: string;
  Export?: { Name: unknown };
  Condition?: string;
}

export interface Template {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: Record<string, unknown>;
  Transform?: unknown;
  Parameters?: Record<string, ParameterDecl>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Rules?: unknown;
  Resources: Record<string, ResourceDecl>;
  Outputs?: Record<string, OutputDecl>;
}

export const PSEUDO_PARAMETERS = new Set([
  "AWS::AccountId",
  "AWS::Region",
  "AWS::StackName",
  "AWS::StackId",
  "AWS::Partition",
  "AWS::URLSuffix",
  "AWS::NoValue",
  "AWS::NotificationARNs",
]);

const SECTIONS = new Set(["AWSTemplateFormatVersion", "Description", "Metadata", "Transform", "Parameters", "Mappings", "Conditions", "Rules", "Resources", "Outputs"]);
const LOGICAL_ID = /^[A-Za-z0-9]+$/;

/** What a value refers to: Ref targets, Fn::GetAtt resources, condition names. */
export interface References {
  refs: Set<string>;
  getAtts: Set<string>;
  conditions: Set<string>;
}

export const emptyRefs = (): References => ({ refs: new Set(), getAtts: new Set(), conditions: new Set() });

/** The names `${...}` in a Fn::Sub string refers to (`${!Literal}` is a literal). */
export function subVariables(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\$\{([^}]*)\}/g)) if (!m[1].startsWith("!")) out.push(m[1].trim());
  return out;
}

export function scanReferences(value: unknown, acc: References = emptyRefs()): References {
  if (Array.isArray(value)) {
    for (const v of value) scanReferences(v, acc);
    return acc;
  }
  if (!value || typeof value !== "object") return acc;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1) {
    const [k] = keys;
    const arg = obj[k];
    if (k === "Ref" && typeof arg === "string") {
      acc.refs.add(arg);
      return acc;
    }
    if (k === "Condition" && typeof arg === "string") {
      acc.conditions.add(arg);
      return acc;
    }
    if (k === "Fn::GetAtt") {
      const target = typeof arg === "string" ? arg.split(".")[0] : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof target === "string") acc.getAtts.add(target);
      if (Array.isArray(arg)) scanReferences(arg.slice(1), acc);
      return acc;
    }
    if (k === "Fn::Sub") {
      const [str, vars] = Array.isArray(arg) ? arg : [arg, {}];
      const explicit = vars && typeof vars === "object" ? Object.keys(vars) : [];
      if (typeof str === "string") {
        for (const name of subVariables(str)) {
          if (explicit.includes(name)) continue;
          if (name.includes(".")) acc.getAtts.add(name.split(".")[0]);
          else acc.refs.add(name);
        }
      }
      scanReferences(vars, acc);
      return acc;
    }
    if (k === "Fn::If" && Array.isArray(arg) && typeof arg[0] === "string") {
      acc.conditions.add(arg[0]);
      scanReferences(arg.slice(1), acc);
      return acc;
    }
  }
  for (const v of Object.values(obj)) scanReferences(v, acc);
  return acc;
}

export const dependsOnList = (r: ResourceDecl): string[] => (r.DependsOn === undefined ? [] : Array.isArray(r.DependsOn) ? r.DependsOn.map(String) : [String(r.DependsOn)]);

/** Logical ids a resource waits for: Ref, Fn::GetAtt, Fn::Sub references to resources, and DependsOn. */
export function resourceDependencies(t: Template, id: string): string[] {
  const r = t.Resources[id];
  const refs = scanReferences(r.Properties);
  const out = new Set<string>(dependsOnList(r));
  for (const name of [...refs.refs, ...refs.getAtts]) if (name in t.Resources) out.add(name);
  return [...out];
}

/** Structural checks and reference checks, with AWS's messages. Returns the typed template. */
export function checkTemplate(raw: Record<string, unknown>): Template {
  for (const k of Object.keys(raw)) {
    if (!SECTIONS.has(k)) throw validationError(`Template format error: Unrecognized template section ${k}`);
  }
  const resources = raw.Resources;
  if (!resources || typeof resources !== "object" || Array.isArray(resources) || Object.keys(resources).length === 0) {
    throw validationError("Template format error: At least one Resources member must be defined.");
  }
  const t = raw as unknown as Template;
  for (const section of ["Parameters", "Mappings", "Conditions", "Outputs"] as const) {
    const v = t[section];
    if (v !== undefined && (typeof v !== "object" || v === null || Array.isArray(v))) {
      throw validationError(`Template format error: ${section} must be an object`);
    }
  }
  for (const [id, r] of Object.entries(t.Resources)) {
    if (!LOGICAL_ID.test(id)) throw validationError(`Template format error: Resource name ${id} is non alphanumeric.`);
    if (!r || typeof r !== "object" || typeof (r as ResourceDecl).Type !== "string") {
      throw validationError(`Template format error: [/Resources/${id}] Every Resources object must contain a Type member.`);
    }
    if (r.Properties !== undefined && (typeof r.Properties !== "object" || Array.isArray(r.Properties) || r.Properties === null)) {
      throw validationError(`Template format error: [/Resources/${id}/Properties] Properties must be an object`);
    }
    for (const p of [r.DeletionPolicy, r.UpdateReplacePolicy]) {
      if (p !== undefined && !["Delete", "Retain", "Snapshot", "RetainExceptOnCreate"].includes(p)) {
        throw validationError(`Template format error: [/Resources/${id}] Unrecognized DeletionPolicy ${p}`);
      }
    }
  }
  for (const [id, p] of Object.entries(t.Parameters ?? {})) {
    if (!p || typeof p.Type !== "string") throw validationError(`Template format error: [/Parameters/${id}] Every Parameters object must contain a Type member.`);
  }
  for (const [id, o] of Object.entries(t.Outputs ?? {})) {
    if (!o || typeof o !== "object" || !("Value" in o)) throw validationError(`Template format error: Every Outputs member must contain a Value object, the Outputs member ${id} does not.`);
  }
  checkReferences(t);
  checkFunctions(t, [t.Resources, t.Outputs, t.Conditions]);
  checkCycles(t);
  return t;
}

/** The intrinsic functions AWS knows. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html */
const FUNCTIONS = new Set(["Fn::Base64", "Fn::Cidr", "Fn::FindInMap", "Fn::ForEach", "Fn::GetAtt", "Fn::GetAZs", "Fn::ImportValue", "Fn::Join", "Fn::Length", "Fn::Select", "Fn::Split", "Fn::Sub", "Fn::ToJsonString", "Fn::Transform", "Fn::And", "Fn::Equals", "Fn::If", "Fn::Not", "Fn::Or"]);

/** An unknown `Fn::` fails the request, and so does Fn::FindInMap on a literal map name the template lacks. */
function checkFunctions(t: Template, blocks: unknown[]) {
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) {
      for (const x of v) visit(x);
      return;
    }
    if (!v || typeof v !== "object") return;
    for (const [k, arg] of Object.entries(v)) {
      if (k.startsWith("Fn::") && !FUNCTIONS.has(k)) throw validationError(`Template format error: Encountered unsupported function: ${k} Supported functions are: [${[...FUNCTIONS].join(", ")}]`);
      if (k === "Fn::FindInMap" && Array.isArray(arg) && typeof arg[0] === "string" && !(arg[0] in (t.Mappings ?? {}))) {
        throw validationError(`Template error: Unable to get mapping for ${arg.filter((a) => typeof a === "string").join("::")}`);
      }
      visit(arg);
    }
  };
  for (const b of blocks) visit(b);
}

function checkReferences(t: Template) {
  const params = new Set(Object.keys(t.Parameters ?? {}));
  const resources = new Set(Object.keys(t.Resources));
  const conditions = new Set(Object.keys(t.Conditions ?? {}));
  const known = (n: string) => params.has(n) || resources.has(n) || PSEUDO_PARAMETERS.has(n);

  const checkBlock = (block: string, entries: [string, unknown][], extraDeps: (id: string) => string[] = () => []) => {
    const unresolved = new Set<string>();
    for (const [id, value] of entries) {
      const refs = scanReferences(value);
      for (const n of refs.refs) if (!known(n)) unresolved.add(n);
      for (const n of refs.getAtts) {
        if (!resources.has(n)) throw validationError(`Template error: instance of Fn::GetAtt references undefined resource ${n}`);
      }
      for (const c of refs.conditions) {
        if (!conditions.has(c)) throw validationError(`Template error: unresolved condition dependency ${c} in Fn::If`);
      }
      for (const d of extraDeps(id)) if (!resources.has(d)) unresolved.add(d);
    }
    if (unresolved.size) {
      throw validationError(`Template format error: Unresolved resource dependencies [${[...unresolved].join(", ")}] in the ${block} block of the template`);
    }
  };
  checkBlock("Resources", Object.entries(t.Resources).map(([id, r]) => [id, r.Properties]), (id) => dependsOnList(t.Resources[id]));
  checkBlock("Outputs", Object.entries(t.Outputs ?? {}));

  for (const [id, r] of Object.entries(t.Resources)) {
    if (r.Condition !== undefined && !conditions.has(r.Condition)) {
      throw validationError(`Template format error: Unresolved dependencies [${r.Condition}]. Cannot reference resources in the Conditions block of the template`);
    }
    void id;
  }
  for (const [name, c] of Object.entries(t.Conditions ?? {})) {
    const refs = scanReferences(c);
    const bad = [...refs.refs].filter((n) => !params.has(n) && !PSEUDO_PARAMETERS.has(n));
    if (bad.length) throw validationError(`Template format error: Unresolved dependencies [${bad.join(", ")}]. Cannot reference resources in the Conditions block of the template`);
    for (const dep of refs.conditions) {
      if (!conditions.has(dep)) throw validationError(`Template error: unresolved condition dependency ${dep} in Fn::Condition of condition ${name}`);
    }
  }
}

/** A cycle fails validation with the resources that form it. */
function checkCycles(t: Template) {
  const ids = Object.keys(t.Resources);
  const deps = new Map(ids.map((id) => [id, resourceDependencies(t, id)]));
  // Tarjan's strongly connected components; any component of size > 1 (or a self-loop) is a cycle.
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const strong = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of deps.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || deps.get(v)?.includes(v)) {
        throw validationError(`Circular dependency between resources: [${comp.sort().join(", ")}]`);
      }
    }
  };
  for (const id of ids) if (!idx.has(id)) strong(id);
}
