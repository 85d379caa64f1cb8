"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import { cancelLabJob, dismissLabJob } from "@/app/actions/lab";
import { fetchLabJob, fetchLabStatus, JOB_POLL_MS, LAB_JOB_QUERY_KEY, LAB_STATUS_QUERY_KEY } from "@/components/shell/lab-query";
import { fetchTargetStatus, TARGET_POLL_MS, TARGET_QUERY_KEY } from "@/components/shell/target-query";
import { NotDeployed } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Panel, PanelGrid } from "@/components/ui/panel";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import type { Job } from "@/lib/lab/progress";
import { CleanupDialog } from "./cleanup-dialog";
import { DeployForm } from "./deploy-form";
import { JobProgress, JobResult } from "./job-report";
import { OutputsTable } from "./outputs-table";
import styles from "./overview.module.css";
import { StackList } from "./stack-list";
import { StackTimeline } from "./stack-timeline";
import { TtlCountdown } from "./ttl-countdown";

export interface OverviewTarget {
  /** "Local emulator · 000000000000 · us-east-1" as known on the server. */
  where: string;
  appMesh: boolean;
  appMeshReason: string;
  typeAccountId: boolean;
}

const VARIANT_NAME = { appmesh: "App Mesh", connect: "ECS Service Connect" } as const;

/** The Overview's live part: deploy, progress, stacks, events, outputs, cleanup and what remains. */
export function OverviewConsole({ target, initialJob, children }: { target: OverviewTarget; initialJob: Job | null; children?: ReactNode }) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: LAB_STATUS_QUERY_KEY, queryFn: fetchLabStatus, refetchInterval: (q) => q.state.data?.pollMs ?? 1_000 });
  const probe = useQuery({ queryKey: TARGET_QUERY_KEY, queryFn: fetchTargetStatus, refetchInterval: TARGET_POLL_MS });
  const busy = status.data?.state === "deploying" || status.data?.state === "cleaning-up";
  const jobQuery = useQuery({
    queryKey: LAB_JOB_QUERY_KEY,
    queryFn: fetchLabJob,
    initialData: { job: initialJob },
    refetchInterval: (q) => (q.state.data?.job?.state === "running" || busy ? JOB_POLL_MS : false),
  });
  const job = jobQuery.data?.job ?? undefined;
  const running = job?.state === "running";
  const [cancelling, setCancelling] = useState(false);

  const refresh = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: LAB_JOB_QUERY_KEY });
    void queryClient.invalidateQueries({ queryKey: LAB_STATUS_QUERY_KEY });
  }, [queryClient]);

  // When a job ends, read the stacks again at once rather than at the next interval.
  const finishedAt = job?.finishedAt;
  useEffect(() => {
    if (finishedAt) {
      setCancelling(false);
      void queryClient.invalidateQueries({ queryKey: LAB_STATUS_QUERY_KEY });
    }
  }, [finishedAt, queryClient]);

  const where = probe.data ? [probe.data.label, probe.data.accountId, probe.data.region].filter(Boolean).join(" · ") : target.where;
  const accountId = probe.data?.accountId;
  const lab = status.data;
  const present = lab?.stacks.filter((s) => s.status) ?? [];

  const cleanup = (
    <CleanupDialog
      mode="cleanup"
      where={where}
      items={[...present].reverse().map((s) => s.name)}
      note="Buckets and image repositories are emptied first; then each stack is deleted in the order above, with everything it created. Then the console checks that nothing tagged lab=cross-service-lab remains."
      typeAccountId={target.typeAccountId}
      accountId={accountId}
      onStarted={refresh}
    />
  );
  const deployForm = (label?: string) => (
    <DeployForm appMesh={target.appMesh} unavailableReason={target.appMeshReason} current={lab?.variant ?? job?.variant} label={label} onStarted={refresh} />
  );

  let control: ReactNode;
  if (running && job) {
    control = (
      <JobProgress
        job={job}
        cancelling={cancelling}
        onCancel={async () => {
          setCancelling(true);
          await cancelLabJob();
          refresh();
        }}
      />
    );
  } else if (!lab) {
    control = status.error ? (
      <p className="error">The console could not read the lab's state: {status.error.message}</p>
    ) : (
      <div className={styles.skeletonBlock} role="status" aria-busy="true" aria-label="Loading the lab's state">
        <Skeleton width="40%" height={18} />
        <Skeleton width="70%" />
        <Skeleton width="100%" height={64} />
      </div>
    );
  } else if (lab.state === "unknown") {
    control = (
      <div className={styles.unreachable} role="alert">
        <p className={styles.reportTitle}>
          <Icon name="alert" size={18} />
          The lab's state cannot be read
        </p>
        <p>
          The target does not answer: {lab.reason}. On the local emulator, start it with <code>npm start</code>; on an AWS account, check the profile and
          region in <Link href="/settings">Settings</Link>.
        </p>
      </div>
    );
  } else if (lab.state === "not-deployed") {
    control = (
      <>
        <NotDeployed
          compact
          what={
            <>
              Deploying creates the lab's stacks on <strong>{where}</strong>, in order, and waits until the load balancer's targets are healthy. Choose the mesh
              variant and how long the lab may live, then deploy.
            </>
          }
          action={false}
        />
        {deployForm()}
      </>
    );
  } else if (lab.state === "running") {
    control = (
      <div className={styles.running}>
        <p className={styles.runningLine} data-testid="lab-running">
          <span className={styles.runningDot} aria-hidden="true" />
          <strong>Running</strong>
          {lab.variant && <span> · {VARIANT_NAME[lab.variant]}</span>}
          {lab.deployedAt && (
            <span>
              {" "}
              · deployed <RelativeTime iso={lab.deployedAt} />
            </span>
          )}
          {lab.expiresAt && <TtlCountdown expiresAt={lab.expiresAt} />}
          <span className={styles.where}> · {where}</span>
        </p>
        <div className={styles.runningActions}>
          {cleanup}
          <details className={styles.redeploy}>
            <summary>Deploy again or switch the variant</summary>
            {deployForm("Deploy again")}
          </details>
        </div>
      </div>
    );
  } else {
    // failed, partial, or stacks in progress without a console job (the CLI, another console).
    control = (
      <div className={styles.running}>
        <p className={styles.runningLine}>
          <Icon name={lab.state === "failed" ? "cross" : busy ? "clock" : "alert"} size={18} className={styles.stateIcon} data-state={lab.state} />
          <strong className={styles.stateWord} data-state={lab.state}>
            {lab.label}
          </strong>
          {lab.expiresAt && <TtlCountdown expiresAt={lab.expiresAt} />}
          <span className={styles.where}> · {where}</span>
        </p>
        <p className={styles.hint}>
          {busy
            ? "CloudFormation is working on a lab stack that this console did not start (the CLI, or another console). The stack list follows it."
            : "Some stacks are missing or failed. Deploy again to create what is missing, or clean up to remove everything."}
        </p>
        {!busy && (
          <div className={styles.runningActions} data-align="end">
            {deployForm("Deploy again")}
            {present.length > 0 && cleanup}
          </div>
        )}
      </div>
    );
  }

  const outputs = lab?.outputs ?? {};
  return (
    <>
      <section id="lab-control" className={styles.control} aria-label="Deploy and clean up" data-tone={lab?.state === "unknown" ? "danger" : undefined}>
        {control}
      </section>
      {job && !running && (
        <JobResult
          job={job}
          typeAccountId={target.typeAccountId}
          accountId={accountId}
          onStarted={refresh}
          onDismiss={async () => {
            await dismissLabJob();
            refresh();
          }}
        />
      )}
      <PanelGrid>
        <Panel title="Stacks" description="Created in this order; cleanup removes them in reverse.">
          {lab ? (
            <StackList rows={lab.stacks} progress={job?.stacks} unknown={lab.state === "unknown"} />
          ) : (
            <div className={styles.skeletonBlock} role="status" aria-busy="true" aria-label="Loading the stacks">
              {[1, 2, 3, 4, 5].map((n) => (
                <Skeleton key={n} height={28} />
              ))}
            </div>
          )}
        </Panel>
        <Panel title="Stack events" description="Every resource as CloudFormation works on it; a failed one shows its reason in full.">
          {job?.events.length ? (
            <StackTimeline events={job.events} order={job.stacks.map((s) => s.name)} direction={job.kind === "deploy" ? "deploy" : "delete"} follow={running} />
          ) : (
            <p className={styles.quiet}>The events of the next deploy or cleanup appear here as they happen.</p>
          )}
        </Panel>
        {Object.keys(outputs).length > 0 && (
          <Panel title="Outputs" description="What the seed's commands need: the load balancer, topic ARNs and queue URLs." span={2}>
            <OutputsTable outputs={outputs} />
          </Panel>
        )}
        {children}
      </PanelGrid>
    </>
  );
}
