import type { Metadata } from "next";
import { connection } from "next/server";
import { MessagingBench } from "@/components/messaging/messaging-bench";
import type { MessagingTarget } from "@/components/messaging/messaging-query";
import { PageHeader } from "@/components/ui/page-header";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { readTopology } from "@/lib/data/messaging-sdk";
import { unreachableReason } from "@/lib/data/target-status";

export const metadata: Metadata = { title: "Messaging" };

export default async function MessagingPage() {
  await connection();
  const target = await currentTarget();
  const caps = capabilities(target);
  const initial = await readTopology(target).catch((error: unknown) => ({ error: unreachableReason(error, target) }));
  const view: MessagingTarget = {
    label: caps.label,
    region: target.region,
    inspectionApi: caps.inspectionApi,
    safePeek: caps.safePeek,
    pollMs: caps.pollMs,
    confirmation: caps.confirmation,
  };
  return (
    <>
      <PageHeader
        title="Messaging"
        purpose={
          <>
            Publish an <code>order_created</code> event and watch which queues receive it, and why.
          </>
        }
      />
      <MessagingBench initial={initial} target={view} />
    </>
  );
}
