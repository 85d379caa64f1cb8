// Writing a service's fault record in `lab-faults`, through the SDK, so faults work on any
// target without an admin route in the services. The services read the record themselves
// (services/shared/faults.ts); `crash` is one-shot: a timestamp every task started before
// it obeys once.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { clientFor, currentTarget } from "../aws/clients.ts";
import type { Target } from "../aws/target.ts";
import { type FaultRecord, SERVICES, TABLE_KEY, TABLES } from "./contract.ts";

export const FAULT_COMMANDS = ["fail", "recover", "latency", "error-rate", "crash"] as const;
export type FaultCommand = (typeof FAULT_COMMANDS)[number];

const service = z.enum(Object.values(SERVICES) as [string, ...string[]], { message: `the service must be one of ${Object.values(SERVICES).join(", ")}` });
const duration = z.coerce.number().int().min(1).max(24 * 3600).optional();

/** One fault request, as the script's arguments or the console's form give it. */
export const faultRequestSchema = z.discriminatedUnion("command", [
  z.object({ command: z.literal("fail"), service, durationSeconds: duration }),
  z.object({ command: z.literal("recover"), service }),
  z.object({ command: z.literal("latency"), service, latencyMs: z.coerce.number().int().min(1).max(60_000), durationSeconds: duration }),
  z.object({ command: z.literal("error-rate"), service, errorRate: z.coerce.number().min(0).max(100), durationSeconds: duration }),
  z.object({ command: z.literal("crash"), service }),
]);
export type FaultRequest = z.infer<typeof faultRequestSchema>;

/** The item a request writes; `crash` only stamps `crash_requested_at` and leaves the mode alone. Pure. */
export function faultRecord(request: FaultRequest, nowMs = Date.now()): FaultRecord | { service_name: string; crash_requested_at: number } {
  const expires = "durationSeconds" in request && request.durationSeconds ? { expires_at: Math.floor(nowMs / 1000) + request.durationSeconds } : {};
  switch (request.command) {
    case "fail":
      return { service_name: request.service, mode: "fail", ...expires };
    case "recover":
      return { service_name: request.service, mode: "none" };
    case "latency":
      return { service_name: request.service, mode: "latency", latency_ms: request.latencyMs, ...expires };
    case "error-rate":
      return { service_name: request.service, mode: "error-rate", error_rate: request.errorRate, ...expires };
    case "crash":
      return { service_name: request.service, crash_requested_at: nowMs };
  }
}

/** Writes the request to `lab-faults` on `target` and returns what was written. */
export async function writeFault(request: FaultRequest, target?: Target): Promise<ReturnType<typeof faultRecord>> {
  const db = DynamoDBDocumentClient.from(clientFor(DynamoDBClient, target ?? (await currentTarget())));
  const record = faultRecord(request);
  if (request.command === "crash") {
    // Keep any fault in force: the replacement task reads it again.
    await db.send(
      new UpdateCommand({
        TableName: TABLES.labFaults,
        Key: { [TABLE_KEY]: request.service },
        UpdateExpression: "SET crash_requested_at = :at, #mode = if_not_exists(#mode, :none)",
        ExpressionAttributeNames: { "#mode": "mode" },
        ExpressionAttributeValues: { ":at": (record as { crash_requested_at: number }).crash_requested_at, ":none": "none" },
      }),
    );
  } else {
    await db.send(new PutCommand({ TableName: TABLES.labFaults, Item: record }));
  }
  return record;
}
