import type { PutTelemetryRecordsResult } from "@aws-sdk/client-xray";

/** The X-Ray daemon reports its own health here; the emulator has nothing to keep. */
export function putTelemetryRecords() {
  return {} satisfies PutTelemetryRecordsResult;
}
