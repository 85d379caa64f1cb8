"use client";

import { startTransition, useActionState, useEffect } from "react";
import { type FormState, healthCheckAction } from "@/app/resilience/actions";
import { NotDeployed } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Panel, PanelGrid } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import { BreakerCard } from "./breaker-card";
import { BreakerTimeline } from "./breaker-timeline";
import { ExperimentPanel } from "./experiment-panel";
import { FaultControls } from "./fault-controls";
import { FormMessage } from "./form-message";
import { LoadPanel } from "./load-panel";
import styles from "./resilience.module.css";
import { useRefreshResilience, useResilience } from "./resilience-query";
import { useServerNow } from "./use-server-now";
import { WhatIf } from "./what-if";

const IDLE: FormState = { status: "idle" };

/** The live part of the Resilience page: every panel reads the one polled snapshot. */
export function ResilienceBench() {
  const { data, error, isPending } = useResilience();
  const now = useServerNow(data?.at);

  if (isPending) return <BenchSkeleton />;
  if (error && !data) {
    return (
      <p className="error" role="alert">
        The breakers could not be read: {error.message}
      </p>
    );
  }
  if (!data.deployed) {
    return (
      <>
        {data.error && (
          <p className="error" role="alert" style={{ marginBottom: "var(--space-4)" }}>
            The target does not answer: {data.error}
          </p>
        )}
        <NotDeployed what="Once the services run, you inject faults here and watch each breaker react on one timeline." />
      </>
    );
  }

  return (
    <div className={styles.bench}>
      {data.error && (
        <p className="error" role="alert">
          Part of the live data could not be read: {data.error}. The values shown may be stale.
        </p>
      )}
      <HealthCheckBar />
      <div className={styles.cards}>
        {data.circuits.map((c) => (
          <BreakerCard key={c.service} circuit={c} now={now} transitions={data.transitions} />
        ))}
      </div>
      <PanelGrid>
        <Panel
          title="Timeline"
          description="Faults, breaker transitions, alarms and error rates on one time axis: watch a fault open the breaker, the alarm follow, and the recovery close it."
          span={2}
        >
          <BreakerTimeline snapshot={data} now={now} />
        </Panel>
        <Panel title="Faults" description="Break a service on purpose. The services read this record about once a second; the seed's script writes the same one.">
          <FaultControls faults={data.faults} now={now} />
        </Panel>
        <Panel title="Load generator" description="Breakers judge real calls: send the seed's requests through the ALB at a steady rate.">
          <LoadPanel run={data.load} albUrl={data.albUrl} now={now} />
        </Panel>
        <Panel title="Timed experiment" description="A fault that reverts by itself after the time you set, or as soon as the stop condition is met.">
          <ExperimentPanel experiment={data.experiment} now={now} />
        </Panel>
        <Panel title="What would other breakers do?" description="The same traffic through the lab's breaker and the defaults of Hystrix, resilience4j and opossum, over the next 60 s.">
          <WhatIf circuits={data.circuits} now={now} />
        </Panel>
      </PanelGrid>
    </div>
  );
}

function HealthCheckBar() {
  const [state, dispatch, pending] = useActionState(healthCheckAction, IDLE);
  const refresh = useRefreshResilience();
  useEffect(() => {
    if (state.status !== "idle") refresh();
  }, [state, refresh]);
  return (
    <div className={styles.toolbar}>
      <p className={styles.toolbarText}>
        The <code>health-checker</code> Lambda probes each service every minute and drives OPEN breakers through HALF_OPEN back to CLOSED. Run it now instead of waiting.
      </p>
      <div className={styles.toolbarActions}>
        <button type="button" className="button" data-variant="primary" disabled={pending} onClick={() => startTransition(() => dispatch(new FormData()))}>
          <Icon name="refresh" size={16} />
          {pending ? "Checking…" : "Run health check now"}
        </button>
      </div>
      <div style={{ flexBasis: "100%" }} data-testid="health-check-result">
        <FormMessage state={state} />
      </div>
    </div>
  );
}

function BenchSkeleton() {
  return (
    <div className={styles.bench} aria-busy="true">
      <span className="visually-hidden">Loading the breakers…</span>
      <Skeleton height={36} width={280} />
      <div className={styles.cards}>
        {[0, 1].map((i) => (
          <div key={i} className={styles.card}>
            <Skeleton height={28} width="60%" />
            <Skeleton height={48} />
            <Skeleton height={64} />
            <Skeleton height={64} />
          </div>
        ))}
      </div>
      <Skeleton height={320} />
    </div>
  );
}
