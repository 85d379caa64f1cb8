// The child side of a Lambda worker: loads the handler once (the init phase), then runs one
// invocation at a time for the parent over IPC, as the AWS Node.js runtime does.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html
import { existsSync } from "node:fs";
import { registerHooks } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { format } from "node:util";

export interface InvokeMessage {
  type: "invoke";
  requestId: string;
  event: string;
  deadline: number;
  invokedFunctionArn: string;
  clientContext?: string;
}

export interface ErrorPayload {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

export type ChildMessage =
  | { type: "ready"; error?: ErrorPayload }
  | { type: "log"; line: string }
  | { type: "result"; requestId: string; payload?: string; error?: ErrorPayload; maxRssKb: number };

const send = (m: ChildMessage) => process.send?.(m);

// Like the AWS runtime, which ships the SDK: bare specifiers the function's own package cannot
// resolve fall back to the emulator's node_modules (LAB_SDK_ROOT is its package.json's folder).
const sdkParent = pathToFileURL(join(process.env.LAB_SDK_ROOT ?? process.cwd(), "package.json")).href;
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (e) {
      const code = (e as { code?: string }).code;
      const bare = !/^(\.|\/|file:|node:|data:)/.test(specifier);
      if (!bare || (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND")) throw e;
      return next(specifier, { ...context, parentURL: sdkParent });
    }
  },
});
delete process.env.LAB_SDK_ROOT;

let currentRequestId: string | undefined;
const levels = { log: "INFO", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG", trace: "TRACE" } as const;
for (const [method, level] of Object.entries(levels)) {
  (console as any)[method] = (...args: unknown[]) => {
    send({ type: "log", line: `${new Date().toISOString()}\t${currentRequestId ?? "undefined"}\t${level}\t${format(...args)}\n` });
  };
}

function toErrorPayload(err: unknown, errorType?: string): ErrorPayload {
  if (err instanceof Error) {
    return { errorType: errorType ?? err.name ?? err.constructor.name, errorMessage: err.message, trace: (err.stack ?? "").split("\n") };
  }
  return { errorType: errorType ?? typeof err, errorMessage: typeof err === "string" ? err : JSON.stringify(err) ?? String(err), trace: [] };
}

type Handler = (event: unknown, context: unknown, callback?: (err: unknown, result?: unknown) => void) => unknown;

async function loadHandler(): Promise<Handler> {
  const spec = process.env._HANDLER ?? "";
  const root = process.env.LAMBDA_TASK_ROOT ?? process.cwd();
  const slash = spec.lastIndexOf("/");
  const dot = spec.indexOf(".", slash + 1);
  if (dot < 0) throw Object.assign(new Error(`Bad handler ${spec}: expected file.function`), { lambdaType: "Runtime.MalformedHandlerName" });
  const moduleName = spec.slice(0, dot);
  const path = spec.slice(dot + 1).split(".");
  const file = [".js", ".mjs", ".cjs"].map((ext) => join(root, moduleName + ext)).find((f) => existsSync(f));
  if (!file) throw Object.assign(new Error(`Cannot find module '${moduleName}'`), { lambdaType: "Runtime.ImportModuleError" });
  let mod: any;
  try {
    mod = await import(pathToFileURL(file).href);
  } catch (e) {
    throw Object.assign(e instanceof Error ? e : new Error(String(e)), { lambdaType: (e as any)?.code?.includes("NOT_FOUND") ? "Runtime.ImportModuleError" : "Runtime.UserCodeSyntaxError" });
  }
  let fn: any = mod;
  for (const part of path) fn = fn?.[part] ?? (fn === mod ? mod.default?.[part] : undefined);
  if (typeof fn !== "function") throw Object.assign(new Error(`${spec} is undefined or not exported`), { lambdaType: "Runtime.HandlerNotFound" });
  return fn as Handler;
}

function runHandler(handler: Handler, event: unknown, context: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const callback = (err: unknown, result?: unknown) => (err ? reject(err) : resolve(result));
    try {
      const out = handler.length >= 3 ? handler(event, context, callback) : handler(event, context);
      if (out && typeof (out as Promise<unknown>).then === "function") (out as Promise<unknown>).then(resolve, reject);
      else if (handler.length < 3) resolve(out);
    } catch (e) {
      reject(e);
    }
  });
}

const maxRssKb = () => process.resourceUsage().maxRSS;

let handler: Handler | undefined;
try {
  handler = await loadHandler();
  send({ type: "ready" });
} catch (e) {
  send({ type: "ready", error: toErrorPayload(e, (e as { lambdaType?: string }).lambdaType) });
}

for (const event of ["uncaughtException", "unhandledRejection"] as const) {
  process.on(event, (err) => {
    const payload = toErrorPayload(err, event === "unhandledRejection" ? "Runtime.UnhandledPromiseRejection" : undefined);
    console.error(`${event === "unhandledRejection" ? "Unhandled Promise Rejection" : "Uncaught Exception"} \t${JSON.stringify(payload)}`);
    // The AWS runtime exits after reporting, so the next invocation gets a fresh init.
    const exit = () => process.exit(129);
    if (currentRequestId) process.send!({ type: "result", requestId: currentRequestId, error: payload, maxRssKb: maxRssKb() } satisfies ChildMessage, exit);
    else exit();
  });
}

process.on("message", async (m: InvokeMessage) => {
  if (m.type !== "invoke" || !handler) return;
  currentRequestId = m.requestId;
  const env = process.env;
  const context = {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: m.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: m.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: m.clientContext ? JSON.parse(Buffer.from(m.clientContext, "base64").toString("utf8")) : undefined,
    getRemainingTimeInMillis: () => Math.max(0, m.deadline - Date.now()),
  };
  try {
    const result = await runHandler(handler, JSON.parse(m.event), context);
    send({ type: "result", requestId: m.requestId, payload: JSON.stringify(result) ?? "null", maxRssKb: maxRssKb() });
  } catch (e) {
    const payload = toErrorPayload(e);
    console.error(`Invoke Error \t${JSON.stringify(payload)}`);
    send({ type: "result", requestId: m.requestId, error: payload, maxRssKb: maxRssKb() });
  } finally {
    currentRequestId = undefined;
  }
});
process.on("disconnect", () => process.exit());
