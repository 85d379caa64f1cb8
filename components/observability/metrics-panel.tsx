"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { timeWindow } from "@/components/charts/time-window";
import { useNow } from "@/components/charts/use-now";
import { Panel } from "@/components/ui/panel";
import { type ChartView, type DashboardWidget, METRIC_SERVICES, type MetricService } from "@/lib/data/observability";
import type { MetricsSnapshot } from "@/lib/data/observability-sdk";
import { MetricChart } from "./metric-chart";
import { fetchJson, noDataHint, useObservability } from "./observability-context";
import styles from "./observability.module.css";
import { ChartsSkeleton, EmptyNote, ErrorNote, Loading } from "./panel-states";
import { formatSeconds, useAlarms } from "./queries";
import { AlarmBadge } from "./state-badge";

type View = "lab" | "dashboard";

function ViewToggle({ view, onChange }: { view: View; onChange: (v: View) => void }) {
  return (
    <fieldset className={styles.toggle}>
      <legend className="visually-hidden">Which metrics to show</legend>
      {(
        [
          ["lab", "Lab metrics"],
          ["dashboard", "Dashboard cross-service-lab"],
        ] as const
      ).map(([value, label]) => (
        <button key={value} type="button" className={styles.toggleButton} aria-pressed={view === value} onClick={() => onChange(value)}>
          {label}
        </button>
      ))}
    </fieldset>
  );
}

function ChartCard({ view, children, headerExtra }: { view: ChartView; children: React.ReactNode; headerExtra?: React.ReactNode }) {
  return (
    <section className={styles.chartCard} aria-label={view.title} data-testid={`chart-${view.id}`}>
      <header className={styles.chartHeader}>
        <h3>{view.title}</h3>
        {headerExtra}
      </header>
      {children}
    </section>
  );
}

function LabCharts({ charts, latency, onLatency }: { charts: ChartView[]; latency: MetricService; onLatency: (s: MetricService) => void }) {
  const { window } = useObservability();
  const now = useNow();
  const selectId = useId();
  return (
    <div className={styles.chartGrid}>
      {charts.map((view) => (
        <ChartCard
          key={view.id}
          view={view}
          headerExtra={
            view.id === "latency" ? (
              <span className={styles.inlineField}>
                <label htmlFor={selectId}>Service</label>
                <select id={selectId} className={styles.select} value={latency} onChange={(e) => onLatency(e.target.value as MetricService)}>
                  {METRIC_SERVICES.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </select>
              </span>
            ) : undefined
          }
        >
          <MetricChart view={view} window={window} now={now} />
        </ChartCard>
      ))}
    </div>
  );
}

function AlarmWidget({ widget }: { widget: DashboardWidget }) {
  const alarms = useAlarms();
  const states = new Map(alarms.data?.alarms.map((a) => [a.name, a.state]));
  return (
    <ul className={styles.widgetAlarms}>
      {(widget.alarms ?? []).map((name) => {
        const state = states.get(name);
        return (
          <li key={name}>
            {state ? <AlarmBadge state={state} /> : <span className={styles.muted}>not on this target</span>}
            <span className={styles.mono}>{name}</span>
          </li>
        );
      })}
    </ul>
  );
}

function DashboardGrid({ widgets }: { widgets: MetricsSnapshot["dashboard"] }) {
  const { window } = useObservability();
  const now = useNow();
  if (!widgets?.found) {
    return (
      <EmptyNote title="The dashboard cross-service-lab does not exist on this target">
        The resilience stack creates it. Deploy the lab from Overview, and its widgets appear here, drawn with the console's charts.
      </EmptyNote>
    );
  }
  return (
    <div className={styles.dashboardGrid}>
      {widgets.widgets.map((w, i) => (
        <section
          // biome-ignore lint/suspicious/noArrayIndexKey: widgets have no ids; their order is the dashboard's
          key={i}
          className={styles.chartCard}
          style={{ "--span": Math.max(3, Math.min(12, Math.round(w.width / 2))) } as React.CSSProperties}
          aria-label={w.title}
          data-testid="dashboard-widget"
        >
          <header className={styles.chartHeader}>
            <h3>{w.title}</h3>
            {w.kind === "metric" && w.chart?.meta && <span className={styles.chartMeta}>{w.chart.meta}</span>}
          </header>
          {w.kind === "metric" && w.view && <MetricChart view={w.view} window={window} now={now} height={130} />}
          {w.kind === "alarm" && <AlarmWidget widget={w} />}
          {w.kind === "text" && <p className={styles.widgetText}>{w.text}</p>}
          {w.skipped && <p className={styles.chartNote}>Not drawn here: {w.skipped.join(", ")}.</p>}
        </section>
      ))}
    </div>
  );
}

/** CloudWatch metrics of the lab: the page's own charts, or the lab dashboard's widgets. One GetMetricData per refresh. */
export function MetricsPanel() {
  const { window, target } = useObservability();
  const [view, setView] = useState<View>("lab");
  const [latency, setLatency] = useState<MetricService>("order-service");
  const metrics = useQuery({
    queryKey: ["observability", "metrics", view, window, latency],
    queryFn: ({ signal }) => fetchJson<MetricsSnapshot>(`/api/observability/metrics?view=${view}&window=${window}&latency=${latency}`, signal),
    refetchInterval: target.pollMs,
    placeholderData: keepPreviousData,
  });
  const data = metrics.data;
  const shownView = data?.dashboard ? "dashboard" : "lab";
  const empty = data && shownView === "lab" && !data.charts.some((c) => c.hasData);

  return (
    <Panel
      title="Metrics"
      span={2}
      description={`CrossServiceLab and AWS/SQS from CloudWatch: one batched GetMetricData every ${formatSeconds(target.pollMs)}, ${data ? `${data.period} s periods` : "periods to suit the window"}.`}
      actions={<ViewToggle view={view} onChange={setView} />}
    >
      {metrics.isError && <ErrorNote what="Could not read the metrics" error={metrics.error.message} retryMs={target.pollMs} />}
      {!data && !metrics.isError && (
        <>
          <Loading what="metrics" />
          <ChartsSkeleton count={view === "lab" ? 6 : 4} />
        </>
      )}
      {empty && (
        <EmptyNote title={`No metrics in the last ${timeWindow(window).long}`}>
          {noDataHint(target.deployed)} Then you see requests and errors per service, latency percentiles, each breaker's state, events processed and queue depths.
        </EmptyNote>
      )}
      {data && shownView === "lab" && !empty && <LabCharts charts={data.charts} latency={latency} onLatency={setLatency} />}
      {data && shownView === "dashboard" && <DashboardGrid widgets={data.dashboard} />}
    </Panel>
  );
}
