import { capabilities } from "@/lib/aws/target";
import { readFlow } from "@/lib/data/messaging-sdk";
import { badRequest, liveRead } from "@/app/api/respond";

/** One published message as the emulator's flow log saw it; `{ pending: true }` until it shows up. */
export function GET(request: Request) {
  const params = new URL(request.url).searchParams;
  const messageId = params.get("messageId");
  const topic = params.get("topic");
  if (!messageId || !topic) return badRequest("Ask for a flow with ?messageId=…&topic=…");
  return liveRead(async (target) => {
    if (!capabilities(target).inspectionApi) throw new Error("This target has no flow log; the page derives the flow from queue depths instead.");
    return (await readFlow(target, messageId, topic)) ?? { pending: true };
  });
}
