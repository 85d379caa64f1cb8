import { peekQueue } from "@/lib/data/messaging-sdk";
import { PURGEABLE_QUEUES } from "@/lib/validations/messaging";
import { badRequest, liveRead } from "@/app/api/respond";

/** The messages in one lab queue, without receiving them (only where the target can do that safely). */
export function GET(request: Request) {
  const queue = new URL(request.url).searchParams.get("queue") ?? "";
  if (!(PURGEABLE_QUEUES as readonly string[]).includes(queue)) return badRequest(`Peek takes one of the lab's queues: ${PURGEABLE_QUEUES.join(", ")}.`);
  return liveRead((target) => peekQueue(target, queue));
}
