// The services' configuration, validated once at start: a bad value stops the process with
// a message that names the variable.
import { z } from "zod";
import { DEFAULT_REGION, SERVICE_PORT, TABLES } from "../../lib/lab/contract.ts";
import type { Env } from "./aws.ts";

const url = (name: string) => z.url({ message: `${name} must be a URL such as http://user-service.cross-service.local:8080` }).optional();
const ms = (def: number) => z.coerce.number().int().min(1).default(def);

export const ServiceEnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(SERVICE_PORT),
  /** Loopback by default; the container image sets 0.0.0.0. */
  HOST: z.string().min(1).default("127.0.0.1"),
  SERVICE_NAME: z.string().min(1).optional(),
  SERVICE_VERSION: z.string().min(1).default("v1"),
  AWS_REGION: z.string().min(1).default(DEFAULT_REGION),
  FAULTS_TABLE: z.string().min(1).default(TABLES.labFaults),
  BREAKER_TABLE: z.string().min(1).default(TABLES.circuitBreakerState),
  USER_EVENTS_TOPIC_ARN: z.string().min(1).optional(),
  ORDER_EVENTS_TOPIC_ARN: z.string().min(1).optional(),
  INVENTORY_EVENTS_TOPIC_ARN: z.string().min(1).optional(),
  ORDER_PROCESSING_QUEUE_URL: z.string().min(1).optional(),
  NOTIFICATIONS_QUEUE_URL: z.string().min(1).optional(),
  USER_SERVICE_URL: url("USER_SERVICE_URL"),
  INVENTORY_SERVICE_URL: url("INVENTORY_SERVICE_URL"),
  AUTH_SECRET: z.string().min(16, "AUTH_SECRET must be at least 16 characters").optional(),
  DOWNSTREAM_TIMEOUT_MS: ms(2_000),
  METRICS_FLUSH_MS: ms(5_000),
  TRACE_FLUSH_MS: ms(2_000),
  FAULT_POLL_MS: ms(1_000),
  /** Long-poll wait of the queue consumers, seconds (SQS allows 0–20). */
  RECEIVE_WAIT_SECONDS: z.coerce.number().int().min(0).max(20).default(20),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});
export type ServiceEnv = z.infer<typeof ServiceEnvSchema>;

/** Throws an Error whose message names the bad variable. */
export function loadServiceEnv(env: Env = process.env): ServiceEnv {
  const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ""));
  const parsed = ServiceEnvSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new Error(`${name}: ${issue.message} (got "${env[name]}")`);
  }
  return parsed.data;
}
