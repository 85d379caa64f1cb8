// Lambda state: function records and event source mappings in StateDb, deployment packages
// unzipped under `<dataDir>/lambda/<account>/<region>/<function>/<sha256>/`.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { EventSourceMappingConfiguration, FunctionConfiguration } from "@aws-sdk/client-lambda";
import type { ServiceEnv } from "../../core/service.ts";
import type { PersistentMap } from "../../core/state.ts";
import { scopedKey } from "../../core/state.ts";
import { constraintViolation, functionNotFound, invalidParameter } from "./errors.ts";
import { readZip, ZipError } from "./zip.ts";

/** FunctionConfiguration as stored: JSON-safe, timestamps as AWS's strings already. */
export interface FunctionRecord {
  accountId: string;
  region: string;
  config: FunctionConfiguration & { FunctionName: string; FunctionArn: string; CodeSha256: string };
  tags: Record<string, string>;
  /** Resource-based policy statements (AddPermission). */
  policy: Record<string, unknown>[];
  /** Bumped when code or configuration changes, so warm workers never run stale code. */
  revision: string;
}

export interface MappingRecord {
  accountId: string;
  region: string;
  /** LastModified is kept as epoch milliseconds. */
  config: Omit<EventSourceMappingConfiguration, "LastModified"> & { UUID: string; FunctionArn: string; EventSourceArn: string; LastModified: number };
  tags: Record<string, string>;
}

// https://docs.aws.amazon.com/lambda/latest/api/API_Invoke.html#lambda-Invoke-request-FunctionName
const FUNCTION_NAME_RE = /^(?:arn:aws[a-zA-Z-]*:lambda:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):function:|(\d{12}):function:)?([a-zA-Z0-9_-]{1,64})(?::(\$LATEST|[a-zA-Z0-9_-]{1,128}))?$/;

export interface FunctionRef {
  accountId: string;
  region: string;
  name: string;
  qualifier?: string;
}

export function parseFunctionName(input: string | undefined, ctx: { accountId: string; region: string }, field = "functionName"): FunctionRef {
  const m = FUNCTION_NAME_RE.exec(input ?? "");
  if (!m) {
    throw constraintViolation(field, input ?? "null", "satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?");
  }
  return { region: m[1] ?? ctx.region, accountId: m[2] ?? m[3] ?? ctx.accountId, name: m[4], qualifier: m[5] };
}

export const functionArn = (ref: { accountId: string; region: string; name: string }) => `arn:aws:lambda:${ref.region}:${ref.accountId}:function:${ref.name}`;

/** AWS's LastModified format for functions: 2019-08-14T22:26:11.234+0000. */
export const lastModified = () => new Date().toISOString().replace("Z", "+0000");

/** Largest unzipped deployment package. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
const MAX_UNZIPPED = 262_144_000;

export class LambdaStore {
  readonly functions: PersistentMap<FunctionRecord>;
  readonly mappings: PersistentMap<MappingRecord>;
  private env: ServiceEnv;
  private root: string | undefined;

  constructor(env: ServiceEnv) {
    this.env = env;
    this.functions = env.state.map<FunctionRecord>("lambda.functions");
    this.mappings = env.state.map<MappingRecord>("lambda.mappings");
  }

  /** The function, or ResourceNotFoundException (also for qualifiers other than $LATEST: no versions yet). */
  get(nameOrArn: string | undefined, ctx: { accountId: string; region: string }, qualifier?: string): FunctionRecord {
    const ref = parseFunctionName(nameOrArn, ctx);
    const q = qualifier ?? ref.qualifier;
    const rec = this.functions.get(scopedKey(ref, ref.name));
    if (!rec || (q && q !== "$LATEST")) throw functionNotFound(functionArn(ref) + (q ? `:${q}` : ""));
    return rec;
  }

  save(rec: FunctionRecord): FunctionRecord {
    return this.functions.set(scopedKey(rec, rec.config.FunctionName), rec);
  }

  private codeRoot(): string {
    if (!this.root) {
      this.root = this.env.dataDir && !this.env.ephemeral ? join(this.env.dataDir, "lambda") : mkdtempSync(join(tmpdir(), "lab-lambda-"));
      mkdirSync(this.root, { recursive: true });
    }
    return this.root;
  }

  private packagePath(rec: { accountId: string; region: string }, name: string, sha256: string): string {
    return join(this.codeRoot(), rec.accountId, rec.region, name, Buffer.from(sha256, "base64").toString("hex"));
  }

  /** The unzipped package of the function's current code. */
  codeDir(rec: FunctionRecord): string {
    return this.packagePath(rec, rec.config.FunctionName, rec.config.CodeSha256);
  }

  /** The deployment package as uploaded (served by GetFunction's Code.Location). */
  readZip(rec: FunctionRecord): Buffer {
    return readFileSync(`${this.codeDir(rec)}.zip`);
  }

  /** Validates and unpacks a deployment package; returns its AWS CodeSha256 and CodeSize. */
  saveCode(owner: { accountId: string; region: string }, name: string, zip: Buffer): { CodeSha256: string; CodeSize: number } {
    const CodeSha256 = createHash("sha256").update(zip).digest("base64");
    const dir = this.packagePath(owner, name, CodeSha256);
    if (!existsSync(`${dir}.zip`)) {
      let entries: ReturnType<typeof readZip>;
      try {
        entries = readZip(zip, MAX_UNZIPPED);
      } catch (e) {
        if (e instanceof ZipError && /unzipped size/.test(e.message)) throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED} bytes`);
        throw invalidParameter("Could not unzip uploaded file. Please check your file, then try to upload again.");
      }
      rmSync(dir, { recursive: true, force: true });
      for (const e of entries) {
        const file = join(dir, e.name);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, e.data);
      }
      mkdirSync(dir, { recursive: true });
      // Without a package.json of its own, a package stored under the repo would inherit the
      // repo's "type": "module"; AWS treats a .js handler as CommonJS unless the package says otherwise.
      if (!entries.some((e) => e.name === "package.json")) writeFileSync(join(dir, "package.json"), "{}\n");
      writeFileSync(`${dir}.zip`, zip);
    }
    return { CodeSha256, CodeSize: zip.length };
  }

  /** Removes every package of a function except `keepSha256`. */
  removeCode(owner: { accountId: string; region: string }, name: string, keepSha256?: string): void {
    const fnDir = dirname(this.packagePath(owner, name, "AA=="));
    if (!existsSync(fnDir)) return;
    if (!keepSha256) {
      rmSync(fnDir, { recursive: true, force: true });
      return;
    }
    const keep = Buffer.from(keepSha256, "base64").toString("hex");
    for (const entry of new Set(readdirSync(fnDir).map((f) => f.replace(/\.zip$/, "")))) {
      if (entry !== keep) {
        rmSync(join(fnDir, entry), { recursive: true, force: true });
        rmSync(join(fnDir, `${entry}.zip`), { force: true });
      }
    }
  }

  /** Empties everything (reset). */
  clear(): void {
    this.env.state.clear("lambda.functions");
    this.env.state.clear("lambda.mappings");
    const root = this.root ?? (this.env.dataDir && !this.env.ephemeral ? join(this.env.dataDir, "lambda") : undefined);
    if (root) rmSync(root, { recursive: true, force: true });
    this.root = undefined;
  }

  /** Removes a temporary code root (ephemeral mode) when the service stops. */
  dispose(): void {
    if (this.root && (this.env.ephemeral || !this.env.dataDir)) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
  }
}

