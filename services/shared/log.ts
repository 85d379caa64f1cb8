// Structured logs: one JSON object per line on stdout, which the awslogs driver (or the
// emulator's ECS runtime) ships to /ecs/<service> as it is.
export type LogLevel = "debug" | "info" | "warn" | "error";
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** Like warn, but at most once per `everyMs` for the same key (for a dependency that is down). */
  warnEvery(key: string, everyMs: number, msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  base: Record<string, unknown>,
  level: LogLevel = (process.env.LOG_LEVEL as LogLevel) || "info",
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Logger {
  const min = ORDER[level] ?? ORDER.info;
  const last = new Map<string, number>();
  const emit = (lvl: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < min) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, ...base, msg, ...fields }));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
    warnEvery(key, everyMs, msg, fields) {
      const now = Date.now();
      if (now - (last.get(key) ?? 0) < everyMs) return;
      last.set(key, now);
      emit("warn", msg, fields);
    },
  };
}

export const errorFields = (e: unknown) => {
  const err = e as { name?: string; message?: string; code?: string };
  return { error: err?.name ?? "Error", error_message: err?.message ?? String(e), ...(err?.code ? { error_code: err.code } : {}) };
};
