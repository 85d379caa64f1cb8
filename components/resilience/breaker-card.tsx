"use client";

import dynamic from "next/dynamic";
import { startTransition, useActionState, useEffect, useId, useMemo, useRef } from "react";
import { breakerButtonAction, type FormState } from "@/app/resilience/actions";
import chartStyles from "@/components/charts/charts.module.css";
import { RelativeTime } from "@/components/charts/relative-time";
import { useChartColors } from "@/components/charts/use-chart-colors";
import { Icon } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { type CircuitView, countdown, msUntilHalfOpen, SPARKLINE_MS, type TransitionMark, windowFailures } from "@/lib/data/resilience";
import { BreakerStateBadge, STATE_META } from "./breaker-state";
import { FormMessage } from "./form-message";
import styles from "./resilience.module.css";
import { useRefreshResilience } from "./resilience-query";

const IDLE: FormState = { status: "idle" };
const fmt = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? "–" : v.toFixed(v < 10 && digits ? digits : 0));

/** One circuit in the Hystrix tradition: state, rolling error %, rate, latency, the countdown to HALF_OPEN. */
export function BreakerCard({ circuit, now, transitions }: { circuit: CircuitView; now: number; transitions: readonly TransitionMark[] }) {
  const titleId = useId();
  const b = circuit.breaker;
  const meta = STATE_META[b.state];
  const percentMode = b.config.errorPercentThreshold !== undefined;
  const failures = windowFailures(b, now);
  const untilHalfOpen = msUntilHalfOpen(b, now);
  const recent = transitions.filter((t) => t.service === circuit.service).slice(-3).reverse();
  const live = circuit.live;
  const errorAlert = live.errorPercent !== null && live.errorPercent >= 50;
  const windowS = b.config.windowMs / 1000;

  const summary = [
    `${circuit.service} circuit breaker ${meta.word}: ${meta.meaning}.`,
    `Errors over the last 10 s ${live.errorPercent === null ? "none measured" : `${live.errorPercent}%`} at ${live.rps} requests per second.`,
    b.state === "OPEN" ? (untilHalfOpen === null ? "Held open until forced closed or reset." : `HALF_OPEN in ${Math.ceil(untilHalfOpen / 1000)} s.`) : "",
    b.state === "CLOSED" ? `${failures} of ${b.config.failureThreshold} failures in the ${windowS} s window.` : "",
    b.state === "HALF_OPEN" ? `${b.successCount} of ${b.config.successThreshold} successful probes.` : "",
    circuit.alarm ? `Alarm ${circuit.alarm.state}.` : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <section className={styles.card} data-state={b.state} aria-labelledby={titleId} data-testid={`breaker-card-${circuit.service}`}>
      <p className="visually-hidden" aria-live="polite">
        {`${circuit.service} breaker ${meta.word}`}
      </p>
      <header className={styles.cardHeader}>
        <div className={styles.cardTitle}>
          <h3 id={titleId}>{circuit.service}</h3>
          <span className={styles.cardSub}>
            order-service → {circuit.service} · {b.stored ? `version ${b.version}` : "not used yet"}
            {b.openedAt && b.state !== "CLOSED" ? (
              <>
                {" "}
                · opened <RelativeTime at={b.openedAt} now={now} />
              </>
            ) : null}
          </span>
        </div>
        <BreakerStateBadge state={b.state} size="large" />
      </header>
      <p className="visually-hidden">{summary}</p>

      <StateDetail circuit={circuit} failures={failures} untilHalfOpen={untilHalfOpen} />
      {circuit.ejection && circuit.ejection.ejected > 0 && circuit.ejection.until && (
        <div className={styles.ejection} role="note" data-testid="mesh-ejection">
          <Icon name="alert" size={16} />
          <p>
            <strong>The mesh has ejected {circuit.service}</strong> ({circuit.ejection.ejected} of {circuit.ejection.endpoints} endpoint
            {circuit.ejection.endpoints === 1 ? "" : "s"}) for another <b className={styles.countdownValue}>{countdown(circuit.ejection.until - now)}</b>: Envoy's outlier
            detection saw 5 server errors in a row. Until then calls through the mesh get 503, even from a healthy service. Ejection {circuit.ejection.ejections}; each lasts
            longer than the last. It is the mesh's own breaker, in front of the lab's.
          </p>
        </div>
      )}

      <dl className={styles.stats}>
        <div className={styles.stat} data-alert={errorAlert || undefined}>
          <dt>Error rate, 10 s</dt>
          <dd>
            {fmt(live.errorPercent, 1)}
            {live.errorPercent !== null && <small>%</small>}
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Requests</dt>
          <dd>
            {fmt(live.rps, 1)}
            <small>req/s</small>
          </dd>
        </div>
        <div className={styles.stat}>
          <dt>Failures</dt>
          <dd>
            {b.state === "CLOSED" ? failures : b.failureCount}
            <small>/ {b.config.failureThreshold}</small>
          </dd>
        </div>
        <div className={styles.stat} data-alert={circuit.alarm?.state === "ALARM" || undefined}>
          <dt>Alarm</dt>
          <dd className={styles.alarmState} title={circuit.alarm ? `${circuit.alarm.name}: ${circuit.alarm.state}` : "No breaker alarm for this circuit"}>
            {circuit.alarm?.state === "INSUFFICIENT_DATA" ? (
              <>
                <span aria-hidden="true">No data</span>
                <span className="visually-hidden">INSUFFICIENT_DATA</span>
              </>
            ) : (
              (circuit.alarm?.state ?? "–")
            )}
          </dd>
        </div>
      </dl>

      <p className={styles.latency}>
        <span className={styles.latencyLabel}>Latency</span>
        {circuit.latency === null ? (
          <span className="muted">no calls in the last minute</span>
        ) : circuit.latency.source === "mesh" ? (
          <>
            <span>
              p50 <b>{circuit.latency.p50.toFixed(circuit.latency.p50 < 10 ? 1 : 0)} ms</b>
            </span>
            <span>
              p90 <b>{circuit.latency.p90.toFixed(circuit.latency.p90 < 10 ? 1 : 0)} ms</b>
            </span>
            <span>
              p99 <b>{circuit.latency.p99.toFixed(circuit.latency.p99 < 10 ? 1 : 0)} ms</b>
            </span>
          </>
        ) : (
          <>
            <span>
              average <b>{circuit.latency.average} ms</b>
            </span>
            <span>
              max <b>{circuit.latency.maximum} ms</b>
            </span>
            <span className="muted">(percentiles need raw samples; the services publish statistic sets)</span>
          </>
        )}
      </p>

      <MiniCharts circuit={circuit} now={now} percentMode={percentMode} />

      {recent.length > 0 && (
        <ul className={styles.recent} aria-label={`Recent transitions of ${circuit.service}`}>
          {recent.map((t) => (
            <li key={`${t.at}-${t.to}`}>
              <Icon name={STATE_META[t.to].icon} size={13} />
              {t.from} → {t.to} <RelativeTime at={t.at} now={now} />
            </li>
          ))}
        </ul>
      )}

      <p className={styles.footnote}>
        {live.source === "mesh"
          ? "Rate, error % and percentiles: the mesh data plane's order-service → " + circuit.service + " edge. Charts: CloudWatch Requests and Errors of " + circuit.service + "."
          : `Rate, error % and charts: CloudWatch Requests, Errors and Latency of ${circuit.service}, in ${5} s periods.`}
      </p>

      <BreakerButtons service={circuit.service} />
    </section>
  );
}

function StateDetail({ circuit, failures, untilHalfOpen }: { circuit: CircuitView; failures: number; untilHalfOpen: number | null }) {
  const b = circuit.breaker;
  if (b.state === "OPEN") {
    const total = b.retryAt && b.openedAt ? b.retryAt - b.openedAt : b.config.openMs;
    const done = untilHalfOpen === null ? 0 : 1 - untilHalfOpen / Math.max(1, total);
    return (
      <div className={styles.countdown}>
        <div className={styles.countdownRow}>
          <span>{untilHalfOpen === null ? "Held OPEN until you force it closed or reset it" : untilHalfOpen > 0 ? "Time left until HALF_OPEN" : "Retry time passed: the next call or health check turns it HALF_OPEN"}</span>
          {untilHalfOpen !== null && (
            <span className={styles.countdownValue} data-testid="half-open-countdown">
              {countdown(untilHalfOpen)}
            </span>
          )}
        </div>
        {untilHalfOpen !== null && (
          <div className={styles.meter} data-tone="danger" aria-hidden="true">
            <div className={styles.meterFill} style={{ width: `${Math.round(done * 100)}%` }} />
          </div>
        )}
      </div>
    );
  }
  if (b.state === "HALF_OPEN") {
    return (
      <div className={styles.countdown}>
        <div className={styles.countdownRow}>
          <span>Successful probes needed to close</span>
          <span className={styles.countdownValue}>
            {b.successCount} / {b.config.successThreshold}
          </span>
        </div>
        <div className={styles.meter} data-tone="warn" aria-hidden="true">
          <div className={styles.meterFill} style={{ width: `${Math.round((100 * b.successCount) / b.config.successThreshold)}%` }} />
        </div>
      </div>
    );
  }
  return (
    <div className={styles.countdown}>
      <div className={styles.countdownRow}>
        <span>
          Opens at {b.config.failureThreshold} failures within {b.config.windowMs / 1000} s; stays OPEN {b.config.openMs / 1000} s
        </span>
        <span className={styles.countdownValue}>
          {failures} / {b.config.failureThreshold}
        </span>
      </div>
      <div className={styles.meter} data-tone={failures ? "warn" : "ok"} aria-hidden="true">
        <div className={styles.meterFill} style={{ width: `${Math.min(100, Math.round((100 * failures) / b.config.failureThreshold))}%` }} />
      </div>
    </div>
  );
}

// Recharts loads after the page is interactive, into a box of the same height (see TimeSeriesChart).
const ErrorSparkline = dynamic(() => import("./breaker-sparklines").then((m) => m.ErrorSparkline), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });
const RpsSparkline = dynamic(() => import("./breaker-sparklines").then((m) => m.RpsSparkline), { ssr: false, loading: () => <Skeleton width="100%" height="100%" /> });

const MINI_COLORS = ["--danger", "--series-1", "--text-muted", "--border"];

function MiniCharts({ circuit, now, percentMode }: { circuit: CircuitView; now: number; percentMode: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const colors = useChartColors(ref, MINI_COLORS);
  const from = now - SPARKLINE_MS;
  const points = useMemo(() => circuit.traffic.filter((p) => p.t >= from - 5_000), [circuit.traffic, from]);
  const threshold = percentMode ? (circuit.breaker.config.errorPercentThreshold ?? 50) : circuit.breaker.config.failureThreshold;
  const key = percentMode ? "errorPercent" : "errors10s";
  const peak = points.reduce((m, p) => Math.max(m, Number(p[key] ?? 0)), 0);
  const peakRps = points.reduce((m, p) => Math.max(m, p.rps), 0);
  const last = points.filter((p) => p.t + 5_000 <= now).at(-1);
  const errorCaption = percentMode
    ? `Error % over 2 minutes against the ${threshold}% threshold; highest ${peak}%.`
    : `Failures per 10 s over 2 minutes against the threshold of ${threshold}; highest ${peak}, latest ${last?.errors10s ?? 0}.`;
  return (
    <div className={chartStyles.chart} ref={ref}>
      <div className={styles.minis}>
      <figure className={styles.mini}>
        <div className={styles.miniTitle} aria-hidden="true">
          <span>{percentMode ? "Error %, 2 min" : "Errors per 10 s, 2 min"}</span>
          <span>threshold {threshold}</span>
        </div>
        <div className={styles.miniPlot} style={{ height: 64 }} aria-hidden="true">
          {colors ? (
            <ErrorSparkline points={points} from={from} now={now} dataKey={key} threshold={threshold} peak={peak} colors={colors} />
          ) : (
            <Skeleton width="100%" height={64} />
          )}
        </div>
        <figcaption className="visually-hidden">{errorCaption}</figcaption>
      </figure>
      <figure className={styles.mini}>
        <div className={styles.miniTitle} aria-hidden="true">
          <span>Requests/s, 2 min</span>
          <span>peak {peakRps}</span>
        </div>
        <div className={styles.miniPlot} style={{ height: 64 }} aria-hidden="true">
          {colors ? (
            <RpsSparkline points={points} from={from} now={now} colors={colors} />
          ) : (
            <Skeleton width="100%" height={64} />
          )}
        </div>
        <figcaption className="visually-hidden">{`Requests per second over 2 minutes: peak ${peakRps}, latest ${last?.rps ?? 0}.`}</figcaption>
      </figure>
      </div>
    </div>
  );
}

function BreakerButtons({ service }: { service: string }) {
  const [state, dispatch, pending] = useActionState(breakerButtonAction, IDLE);
  const refresh = useRefreshResilience();
  useEffect(() => {
    if (state.status !== "idle") refresh();
  }, [state, refresh]);
  const submit = (action: string) => {
    const form = new FormData();
    form.set("service", service);
    form.set("action", action);
    startTransition(() => dispatch(form));
  };
  return (
    <div className="field">
      <div className={styles.cardActions}>
        <button type="button" className="button" data-size="small" disabled={pending} onClick={() => submit("force_open")} aria-label={`Force open ${service}`}>
          <Icon name="stop" size={14} />
          Force open
        </button>
        <button type="button" className="button" data-size="small" disabled={pending} onClick={() => submit("force_close")} aria-label={`Force close ${service}`}>
          <Icon name="check" size={14} />
          Force close
        </button>
        <button type="button" className="button" data-size="small" data-variant="ghost" disabled={pending} onClick={() => submit("reset")} aria-label={`Reset ${service}`}>
          <Icon name="undo" size={14} />
          Reset
        </button>
      </div>
      <FormMessage state={state} />
    </div>
  );
}
