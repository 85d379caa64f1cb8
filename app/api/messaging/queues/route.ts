import { readQueues } from "@/lib/data/messaging-sdk";
import { liveRead } from "@/app/api/respond";

/**
 * Every lab queue's depth, in-flight count, DLQ depth, publish rate and redrive progress: the
 * emulator's /_lab/sqs/queues where the target has it, GetQueueAttributes otherwise.
 */
export function GET() {
  return liveRead((target) => readQueues(target));
}
