// Raw HTTP for the reliability tests: requests the SDKs would never send, and a check that the
// answer is an AWS-style error in the caller's protocol (never a 5xx, a hang-up or an HTML page).
import { Agent, type IncomingHttpHeaders, request } from "node:http";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string | undefined>;
  body?: Uint8Array | string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });

/** One HTTP request with exactly these headers (plus Host and Content-Length). Rejects on a socket error. */
export function rawRequest(baseUrl: string, req: RawRequest, timeoutMs = 30_000): Promise<RawResponse> {
  const u = new URL(req.path ?? "/", baseUrl);
  const body = typeof req.body === "string" ? Buffer.from(req.body, "utf8") : Buffer.from(req.body ?? new Uint8Array());
  const headers: Record<string, string> = { "content-length": String(body.length) };
  for (const [k, v] of Object.entries(req.headers ?? {})) if (v !== undefined) headers[k.toLowerCase()] = v;
  return new Promise((resolve, reject) => {
    const r = request({ host: u.hostname, port: u.port, path: `${u.pathname}${u.search}`, method: req.method ?? "POST", headers, agent, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    r.on("timeout", () => r.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    r.on("error", reject);
    r.end(body);
  });
}

export const sigv4 = (signingName: string, region = "us-east-1") =>
  `AWS4-HMAC-SHA256 Credential=test/20260101/${region}/${signingName}/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=${"0".repeat(64)}`;

/** Form-encodes query parameters (values kept as given). */
export const form = (params: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(params).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]]))).toString();

export type Wire = "xml" | "json" | "any";

export interface ErrorCheck {
  ok: boolean;
  code?: string;
  problem?: string;
}

const xml = new XMLParser({ ignoreAttributes: true, parseTagValue: false });

/**
 * The body as an AWS error: query/REST-XML `<ErrorResponse><Error><Code>` (or S3's `<Error><Code>`),
 * JSON `{"__type": ...}`. `expect` names the protocol the request spoke.
 */
export function awsErrorCode(res: RawResponse, expect: Wire): ErrorCheck {
  const text = res.body.trim();
  if (/<html|<!doctype/i.test(text)) return { ok: false, problem: "an HTML page" };
  if (/\n\s+at .+:\d+:\d+\)?/.test(text)) return { ok: false, problem: "a stack trace" };
  // DynamoDB's own answer to a non-JSON content type or a non-POST: 404 `<UnknownOperationException/>`
  // (dynalite reproduces it from the real service).
  if (/^<UnknownOperationException\/>$/.test(text)) return { ok: true, code: "UnknownOperationException" };
  if (text.startsWith("<")) {
    if (expect === "json") return { ok: false, problem: "XML where JSON was expected" };
    if (XMLValidator.validate(text) !== true) return { ok: false, problem: "malformed XML" };
    const doc = xml.parse(text);
    const code = doc.ErrorResponse?.Error?.Code ?? doc.Error?.Code ?? doc.Response?.Errors?.Error?.Code;
    return typeof code === "string" && code ? { ok: true, code } : { ok: false, problem: "XML without Error/Code" };
  }
  if (expect === "xml") return { ok: false, problem: "not XML where XML was expected" };
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return { ok: false, problem: "neither XML nor JSON" };
  }
  const type = (doc as { __type?: unknown } | null)?.__type;
  return typeof type === "string" && type ? { ok: true, code: type.split("#").pop() } : { ok: false, problem: "JSON without __type" };
}
