// The awslogs log driver: task stdout/stderr lines become CloudWatch Logs events in
// <awslogs-group> / <awslogs-stream-prefix>/<container>/<task-id>, shipped in ~250 ms batches
// through the logs service's own operations. A missing group or stream is created (as with
// awslogs-create-group=true); when the logs service is unavailable, lines are dropped.
// https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
import type { EmulatorApi } from "../../core/service.ts";

interface Stream {
  group: string;
  stream: string;
  scope: { accountId: string; region: string };
  events: { timestamp: number; message: string }[];
  created: boolean;
}

export class LogShipper {
  private api: EmulatorApi;
  private streams = new Map<string, Stream>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private warn: (message: string) => void;
  private warned = false;

  constructor(api: EmulatorApi, warn: (message: string) => void) {
    this.api = api;
    this.warn = warn;
  }

  push(scope: { accountId: string; region: string }, group: string, stream: string, message: string) {
    const key = `${scope.accountId}/${scope.region}/${group}/${stream}`;
    let s = this.streams.get(key);
    if (!s) {
      s = { group, stream, scope, events: [], created: false };
      this.streams.set(key, s);
    }
    s.events.push({ timestamp: Date.now(), message });
    if (s.events.length > 10_000) s.events.splice(0, s.events.length - 10_000);
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flushing = this.flushing.then(() => this.flush());
      }, 250);
      this.timer.unref();
    }
  }

  /** Sends everything buffered; resolves when done (used on stop). */
  async close() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
  }

  private async flush() {
    for (const s of this.streams.values()) {
      if (!s.events.length) continue;
      const logEvents = s.events.splice(0, s.events.length);
      try {
        if (!s.created) await this.ensureStream(s);
        await this.api.call("logs", "PutLogEvents", { logGroupName: s.group, logStreamName: s.stream, logEvents }, s.scope);
      } catch (e) {
        const err = e as { code?: string; name?: string; message?: string };
        if ((err.code ?? err.name) === "ResourceNotFoundException") s.created = false;
        if (!this.warned) {
          this.warned = true;
          this.warn(`awslogs: could not ship task logs (${err.message ?? String(e)}); further failures are silent`);
        }
      }
    }
  }

  private async ensureStream(s: Stream) {
    const ignoreExists = (e: { code?: string; name?: string }) => {
      if ((e.code ?? e.name) !== "ResourceAlreadyExistsException") throw e;
    };
    await this.api.call("logs", "CreateLogGroup", { logGroupName: s.group }, s.scope).catch(ignoreExists);
    await this.api.call("logs", "CreateLogStream", { logGroupName: s.group, logStreamName: s.stream }, s.scope).catch(ignoreExists);
    s.created = true;
  }
}
