import { connection } from "next/server";
import { CostPanel } from "@/components/cost/cost-panel";
import { OverviewConsole } from "@/components/overview/overview-console";
import { PageHeader } from "@/components/ui/page-header";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities, publicTarget } from "@/lib/aws/target";
import { APP_MESH_UNAVAILABLE } from "@/lib/lab/deploy";
import { currentJob } from "@/lib/lab/job";

export default async function OverviewPage() {
  await connection();
  const target = await currentTarget();
  const caps = capabilities(target);
  const pub = publicTarget(target);
  return (
    <>
      <PageHeader
        title="Overview"
        purpose="Deploy the lab, watch its stacks come up one by one, and clean up when you finish."
      />
      <OverviewConsole
        target={{
          where: [pub.label, pub.accountId, pub.region].filter(Boolean).join(" · "),
          appMesh: caps.appMesh,
          appMeshReason: APP_MESH_UNAVAILABLE,
          typeAccountId: caps.confirmation === "type-account-id",
        }}
        initialJob={currentJob() ?? null}
      >
        <CostPanel />
      </OverviewConsole>
    </>
  );
}
