import type { IncomingMessage, ServerResponse } from "node:http";
import type { SchemaModule } from "../protocols/shape.ts";
import type { StateDb } from "./state.ts";

/** The wire protocols the gateway speaks for written-here services. */
export type Protocol = "query" | "json" | "restJson";

export interface RequestContext {
  accountId: string;
  region: string;
  requestId: string;
  service: string;
  operation: string;
  /** Calls into other services through their operations, never their internals. */
  emulator: EmulatorApi;
}

/** An operation maps the SDK input shape to the SDK output shape. It never sees the wire. */
export type Operation<I = any, O = any> = (input: I, ctx: RequestContext) => O | Promise<O>;

/** Inspection route under /_lab/. Returns a JSON-able value; throw AwsError for errors. */
export type LabRoute = (req: {
  method: string;
  url: URL;
  body: unknown;
  params: Record<string, string>;
}) => unknown | Promise<unknown>;

export interface ServiceModule {
  /** Service name used in the registry and in `emulator.call`, e.g. "cloudwatch". */
  name: string;
  /** SigV4 credential-scope names that route here, e.g. ["monitoring"]. */
  signingNames: string[];
  /** X-Amz-Target prefixes that route here, e.g. ["GraniteServiceVersion20100801"]. */
  targetPrefixes?: string[];
  /** Protocols this service accepts, in the order tried when a request is ambiguous. */
  protocols?: Protocol[];
  /** awsQuery: namespace for XML responses, e.g. "http://monitoring.amazonaws.com/doc/2010-08-01/". */
  xmlNamespace?: string;
  /** The SDK client module whose `<Operation>$` schemas define the shapes (e.g. import("@aws-sdk/client-cloudwatch")). */
  schemas?: SchemaModule;
  operations?: Record<string, Operation>;
  /** A service that speaks HTTP itself (fauxqs, dynalite): the gateway hands the request over. */
  raw?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Inspection routes, keyed by "METHOD /path" under /_lab, e.g. "GET /sqs/peek/:queueName". */
  lab?: Record<string, LabRoute>;
  /** Process ids of what this service runs right now (task processes, Lambda workers), for the orphan scan. */
  ownedPids?(): number[];
  start?(): void | Promise<void>;
  stop?(): void | Promise<void>;
  /** Empty every store this service owns (/_lab/reset). */
  reset?(): void | Promise<void>;
}

/** What every service factory receives. */
export interface ServiceEnv {
  state: StateDb;
  api: EmulatorApi;
  /** The gateway's own base URL (e.g. http://127.0.0.1:4566), for AWS_ENDPOINT_URL and self-calls. */
  selfUrl(): string;
  dataDir: string | undefined;
  ephemeral: boolean;
  log(service: string, message: string, extra?: Record<string, unknown>): void;
}

/** What one service may ask of the others: call an operation by name. */
export interface EmulatorApi {
  call<O = any>(service: string, operation: string, input: any, opts?: { accountId?: string; region?: string }): Promise<O>;
}
