"use client";

import { WindowControl } from "@/components/charts/window-control";
import { NotDeployed } from "@/components/ui/empty-state";
import { PanelGrid } from "@/components/ui/panel";
import { AlarmForm } from "./alarm-form";
import { AlarmInbox, AlarmsPanel } from "./alarms-panel";
import { LogTail } from "./log-tail";
import { MetricsPanel } from "./metrics-panel";
import { ObservabilityProvider, type ObservabilityTarget, useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { formatSeconds } from "./queries";
import { ServiceMap } from "./service-map";
import { TracesPanel } from "./traces-panel";

function Toolbar() {
  const { window, setWindow, target } = useObservability();
  return (
    <div className={styles.toolbar} data-testid="observability-toolbar">
      <span className={styles.toolbarLabel} id="observability-window-label">
        Window for every chart, strip, map and trace list
      </span>
      <WindowControl value={window} onChange={setWindow} label="Time window for the whole page" />
      <span className={styles.toolbarMeta}>
        {target.label} · {target.region} · refreshed every {formatSeconds(target.pollMs)}
        {target.pollMs >= 10_000 ? " (GetMetricData costs money on AWS)" : ""}
      </span>
    </div>
  );
}

/** Metrics, the service map, traces, alarms and logs of the lab, on one shared time window. */
export function ObservabilityBench({ target }: { target: ObservabilityTarget }) {
  return (
    <ObservabilityProvider target={target}>
      {!target.deployed && (
        <NotDeployed what="Once the lab runs, its services report metrics, logs and traces that you read here. Whatever already exists on this target is shown below." />
      )}
      <div className={styles.bench}>
        <Toolbar />
        <PanelGrid>
          <MetricsPanel />
          <ServiceMap />
          <TracesPanel />
          <AlarmsPanel />
          <AlarmInbox />
          <AlarmForm />
          <LogTail />
        </PanelGrid>
      </div>
    </ObservabilityProvider>
  );
}
