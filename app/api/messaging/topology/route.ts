import { readTopology } from "@/lib/data/messaging-sdk";
import { liveRead } from "@/app/api/respond";

/** The lab's topics, subscriptions (with filter policies) and queues on the current target. */
export function GET() {
  return liveRead((target) => readTopology(target));
}
