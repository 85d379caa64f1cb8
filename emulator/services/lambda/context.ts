// What Lambda's operations share: the store, the worker pool, the SQS pollers and log shipping.
import type { FunctionCode } from "@aws-sdk/client-lambda";
import type { RequestContext, ServiceEnv } from "../../core/service.ts";
import { type FunctionSpec, type InvokeOutcome, LambdaPool, type LogEvent } from "../../runtime/lambda/pool.ts";
import { SqsPoller } from "../../runtime/lambda/sqs-poller.ts";
import { invalidParameter } from "./errors.ts";
import { type FunctionRecord, LambdaStore } from "./store.ts";


export class LambdaContext {
  readonly env: ServiceEnv;
  readonly store: LambdaStore;
  readonly pool: LambdaPool;
  private pollers = new Map<string, SqsPoller>();
  private logStreams = new Set<string>();

  constructor(env: ServiceEnv) {
    this.env = env;
    this.store = new LambdaStore(env);
    this.pool = new LambdaPool({
      region: "us-east-1",
      selfUrl: env.selfUrl,
      // Idle workers exit after this long: AWS keeps environments warm for minutes, but memory matters more here.
      idleMs: Number(process.env.EMULATOR_LAMBDA_IDLE_MS ?? 10_000),
      // Concurrent executions per function; further invocations wait for a free worker.
      maxWorkersPerFunction: Number(process.env.EMULATOR_LAMBDA_MAX_WORKERS ?? 4),
      shipLogs: (group, stream, events) => this.shipLogs(group, stream, events),
    });
  }

  spec(rec: FunctionRecord): FunctionSpec {
    const c = rec.config;
    return {
      key: `${c.FunctionArn}#${rec.revision}`,
      functionName: c.FunctionName,
      functionArn: c.FunctionArn,
      runtime: c.Runtime ?? "",
      handler: c.Handler ?? "",
      codeDir: this.store.codeDir(rec),
      memoryMb: c.MemorySize ?? 128,
      timeoutSec: c.Timeout ?? 3,
      environment: c.Environment?.Variables ?? {},
      logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${c.FunctionName}`,
    };
  }

  invoke(rec: FunctionRecord, payload: string, extra: { clientContext?: string } = {}): Promise<InvokeOutcome> {
    return this.pool.invoke(this.spec(rec), payload, extra);
  }

  /** The deployment package from ZipFile bytes or from the emulator's own S3. */
  async loadCode(code: FunctionCode, ctx: RequestContext): Promise<Buffer> {
    if (code.ImageUri) throw invalidParameter("This emulator runs .zip deployment packages only; container images (ImageUri) are not supported.");
    if (code.ZipFile?.length) {
      if (code.S3Bucket || code.S3Key) throw invalidParameter("Please do not provide other FunctionCode parameters when providing a ZipFile.");
      return Buffer.from(code.ZipFile);
    }
    if (!code.S3Bucket || !code.S3Key) throw invalidParameter("Please provide a source for function code.");
    try {
      const out = await ctx.emulator.call("s3", "GetObject", { Bucket: code.S3Bucket, Key: code.S3Key, VersionId: code.S3ObjectVersion }, { region: ctx.region });
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (e) {
      const err = e as { name?: string; code?: string; message?: string };
      throw invalidParameter(`Error occurred while GetObject. S3 Error Code: ${err.code ?? err.name}. S3 Error Message: ${err.message}`);
    }
  }

  startPoller(uuid: string): void {
    const existing = this.pollers.get(uuid);
    if (existing?.running) return;
    const mappingRecord = () => this.store.mappings.get(uuid);
    const poller = new SqsPoller({
      api: this.env.api,
      mapping: () => {
        const m = mappingRecord();
        return m && { ...m.config, accountId: m.accountId, region: m.region };
      },
      functionExists: () => {
        const m = mappingRecord();
        return Boolean(m && this.findByArn(m.config.FunctionArn));
      },
      invoke: async (event) => {
        const m = mappingRecord();
        const rec = m && this.findByArn(m.config.FunctionArn);
        if (!rec) return { payload: "", functionError: "Unhandled" };
        return this.invoke(rec, JSON.stringify(event));
      },
      report: (result) => {
        const m = mappingRecord();
        if (m) this.store.mappings.set(uuid, { ...m, config: { ...m.config, LastProcessingResult: result } });
      },
    });
    this.pollers.set(uuid, poller);
  }

  async stopPoller(uuid: string): Promise<void> {
    const p = this.pollers.get(uuid);
    this.pollers.delete(uuid);
    await p?.stop();
  }

  findByArn(arn: string): FunctionRecord | undefined {
    const [, , , region, accountId, , name] = arn.split(":");
    return [...this.store.functions.values()].find((f) => f.region === region && f.accountId === accountId && f.config.FunctionName === name);
  }

  /** Stops the function's warm workers and pollers' use of it (code or configuration changed, or deleted). */
  retire(rec: FunctionRecord): void {
    this.pool.retire(rec.config.FunctionArn);
  }

  /** Lambda writes START/END/REPORT and the function's output to /aws/lambda/<name>; soft-fails without a logs service. */
  private async shipLogs(group: string, stream: string, events: LogEvent[]): Promise<void> {
    const logs = (op: string, input: unknown) => this.env.api.call("logs", op, input);
    const ignoreExists = (e: { name?: string; code?: string }) => {
      if ((e.code ?? e.name) !== "ResourceAlreadyExistsException") throw e;
    };
    const key = `${group}\n${stream}`;
    const logEvents = events.map((e) => ({ timestamp: e.timestamp, message: e.message.replace(/\n$/, "") }));
    for (let attempt = 0; attempt < 2; attempt++) {
      if (!this.logStreams.has(key)) {
        await logs("CreateLogGroup", { logGroupName: group }).catch(ignoreExists);
        await logs("CreateLogStream", { logGroupName: group, logStreamName: stream }).catch(ignoreExists);
        this.logStreams.add(key);
      }
      try {
        await logs("PutLogEvents", { logGroupName: group, logStreamName: stream, logEvents });
        return;
      } catch (e) {
        // The group was deleted (or the logs service reset) since we created it: create again once.
        this.logStreams.delete(key);
        if (attempt === 1 || ((e as { code?: string }).code ?? (e as Error).name) !== "ResourceNotFoundException") throw e;
      }
    }
  }

  async start(): Promise<void> {
    for (const [uuid, m] of this.store.mappings.entries()) if (m.config.State === "Enabled") this.startPoller(uuid);
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pollers.keys()].map((uuid) => this.stopPoller(uuid)));
    await this.pool.stopAll();
    this.store.dispose();
  }

  async reset(): Promise<void> {
    await Promise.all([...this.pollers.keys()].map((uuid) => this.stopPoller(uuid)));
    await this.pool.stopAll();
    this.logStreams.clear();
    this.store.clear();
  }
}
