"use client";

import { startTransition, useActionState, useEffect } from "react";
import { RelativeTime } from "@/components/charts/relative-time";
import { NotDeployed } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import type { EcsServiceView } from "@/lib/data/lab-tools";
import { type DesiredCountState, setDesiredCountAction } from "./actions";
import styles from "./lab-tools.module.css";
import { useEcs } from "./lab-tools-query";

const IDLE: DesiredCountState = { status: "idle" };
const RECENT_MS = 15 * 60_000;

/** Running and desired tasks per ECS service, recent events and task restarts, and the desired count. */
export function EcsPanel({ span = 2 }: { span?: 1 | 2 }) {
  const { data, error, isPending, refetch } = useEcs();
  return (
    <Panel
      title="ECS services"
      description="Running and desired tasks per service, what ECS did recently, and tasks that stopped: a crash shows here, followed by its replacement."
      span={span}
    >
      {isPending ? (
        <div className={styles.stack}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </div>
      ) : error ? (
        <p className="error" role="alert">
          The services could not be read: {error.message}. Is the lab deployed?
        </p>
      ) : !data.deployed ? (
        <NotDeployed compact what="Once the services stack runs, its ECS services show here with their tasks and events." />
      ) : (
        <div className="table-scroll">
          <table className={`data-table ${styles.ecsTable}`} data-testid="ecs-panel">
            <caption className="visually-hidden">ECS services of the cluster {data.cluster}</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Tasks</th>
                <th scope="col">Desired count</th>
                <th scope="col">Recently</th>
              </tr>
            </thead>
            <tbody>
              {data.services.map((s) => (
                <EcsRow key={s.service} s={s} onChanged={() => void refetch()} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}

function EcsRow({ s, onChanged }: { s: EcsServiceView; onChanged: () => void }) {
  const [state, dispatch, pending] = useActionState(setDesiredCountAction, IDLE);
  useEffect(() => {
    if (state.status === "done") onChanged();
  }, [state, onChanged]);
  const missing = s.status === "MISSING";
  const tone = missing ? "danger" : s.running === s.desired ? "ok" : s.running === 0 && s.desired > 0 ? "danger" : "warn";
  const inputId = `desired-${s.service}`;
  const errorId = `${inputId}-error`;
  const now = Date.now();
  const restarts = s.stopped.filter((t) => now - t.at < RECENT_MS);
  const latest = s.events[0];
  return (
    <tr data-service={s.service}>
      <th scope="row">{s.service}</th>
      <td>
        <span className={styles.tasks} data-tone={tone}>
          <Icon name={tone === "ok" ? "check" : tone === "warn" ? "clock" : "alert"} size={14} />
          {missing ? "not deployed" : `${s.running} running / ${s.desired} desired${s.pending ? `, ${s.pending} pending` : ""}`}
        </span>
      </td>
      <td>
        {!missing && (
          <form className={styles.desired} action={(form) => startTransition(() => dispatch(form))} noValidate>
            <input type="hidden" name="service" value={s.service} />
            <label htmlFor={inputId} className="visually-hidden">
              Desired tasks of {s.service}
            </label>
            <input
              id={inputId}
              name="desiredCount"
              className="input"
              inputMode="numeric"
              defaultValue={s.desired}
              key={s.desired}
              aria-invalid={state.status === "invalid" || undefined}
              aria-describedby={state.status === "invalid" ? errorId : undefined}
            />
            <button type="submit" className="button" data-size="small" disabled={pending}>
              Set
              <span className="visually-hidden"> the desired tasks of {s.service}</span>
            </button>
          </form>
        )}
        {state.status === "invalid" && (
          <p className="error" id={errorId}>
            {state.error}
          </p>
        )}
        {state.status === "failed" && <p className="error">{state.message}</p>}
        {state.status === "done" && (
          <p className="muted" role="status" style={{ fontSize: "0.8rem" }}>
            {state.message}
          </p>
        )}
      </td>
      <td className={styles.recentCell}>
        {restarts.length > 0 && (
          <p className={styles.restart}>
            <Icon name="alert" size={13} /> {restarts.length} task{restarts.length === 1 ? "" : "s"} stopped: {restarts[0].reason}
            {restarts[0].exitCode !== undefined ? ` (exit ${restarts[0].exitCode})` : ""}, <RelativeTime at={restarts[0].at} />
          </p>
        )}
        {latest ? (
          <details className={styles.more}>
            <summary>
              <RelativeTime at={latest.at} /> · {latest.message}
            </summary>
            <ul className={styles.events}>
              {s.stopped.map((t) => (
                <li key={t.taskId} className={styles.restart}>
                  <RelativeTime at={t.at} />
                  <span>
                    task {t.taskId.slice(0, 8)} stopped: {t.reason}
                    {t.exitCode !== undefined ? ` (exit ${t.exitCode})` : ""}
                  </span>
                </li>
              ))}
              {s.events.slice(1).map((e) => (
                <li key={`${e.at}-${e.message}`}>
                  <RelativeTime at={e.at} />
                  <span>{e.message}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : (
          <span className="muted">no events</span>
        )}
      </td>
    </tr>
  );
}
