"use client";

import { useQuery } from "@tanstack/react-query";
import { DEFAULT_WINDOW } from "@/components/charts/time-window";
import { useRollingHistory } from "@/components/charts/use-rolling-history";
import { fetchQueues, fetchTopology, MESSAGING_KEYS, type MessagingTarget } from "@/components/messaging/messaging-query";
import { QueueList } from "@/components/messaging/queue-panel";
import { AlarmsPanel } from "@/components/observability/alarms-panel";
import { MetricsPanel } from "@/components/observability/metrics-panel";
import { ServiceMap } from "@/components/observability/service-map";
import { TracesPanel } from "@/components/observability/traces-panel";
import { BreakerCard } from "@/components/resilience/breaker-card";
import { BreakerTimeline } from "@/components/resilience/breaker-timeline";
import { useResilience } from "@/components/resilience/resilience-query";
import { useServerNow } from "@/components/resilience/use-server-now";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import type { StepInstrument } from "@/lib/data/exercises";
import type { QueuesSnapshot } from "@/lib/data/messaging";
import { SERVICES } from "@/lib/lab/contract";

const snapshotTime = (s: QueuesSnapshot) => s.at;

function Queues({ target }: { target: MessagingTarget }) {
  const topology = useQuery({ queryKey: MESSAGING_KEYS.topology, queryFn: fetchTopology, staleTime: 30_000 });
  const queues = useQuery({ queryKey: MESSAGING_KEYS.queues, queryFn: fetchQueues, refetchInterval: target.pollMs });
  const history = useRollingHistory(`exercises.queues.${target.label}.${target.region}`, queues.data, snapshotTime);
  const lab = (topology.data?.queues ?? []).filter((q) => q.name === "order-processing" || q.name === "notifications");
  return (
    <Panel title="Queue depth" description="Visible and in-flight messages, the dead-letter queue in red, and the publish rate.">
      {topology.isPending ? (
        <Skeleton width="100%" height={190} />
      ) : (
        <QueueList queues={lab} history={history} latest={queues.data} window={DEFAULT_WINDOW} target={target} error={topology.error?.message ?? (queues.isError ? queues.error.message : undefined)} />
      )}
    </Panel>
  );
}

function Breaker({ timeline }: { timeline?: boolean }) {
  const { data, error, isPending } = useResilience();
  const now = useServerNow(data?.at);
  if (isPending) return <Skeleton width="100%" height={320} />;
  if (!data) return <p className="error" role="alert">The breaker could not be read: {error?.message}</p>;
  const circuit = data.circuits.find((c) => c.service === SERVICES.user);
  return (
    <>
      {circuit && <BreakerCard circuit={circuit} now={now} transitions={data.transitions} />}
      {timeline && (
        <Panel title="Timeline" description="Faults as bands, breaker transitions as markers, alarms as a strip and the error rate as a line.">
          <BreakerTimeline snapshot={data} now={now} />
        </Panel>
      )}
    </>
  );
}

/** The live instrument for the step in focus, from the existing benches. */
export function StepInstrumentView({ kind, messaging }: { kind: StepInstrument; messaging: MessagingTarget }) {
  switch (kind) {
    case "map":
    case "routes":
      return <ServiceMap />;
    case "traces":
      return <TracesPanel />;
    case "queues":
      return <Queues target={messaging} />;
    case "breaker":
      return <Breaker />;
    case "timeline":
      return <Breaker timeline />;
    case "metrics":
      return <MetricsPanel />;
    case "alarms":
      return <AlarmsPanel />;
  }
}
