"use client";

import { useState } from "react";
import { RelativeTime } from "@/components/charts/relative-time";
import { Icon } from "@/components/ui/icons";
import { Panel } from "@/components/ui/panel";
import type { TryResult } from "@/lib/data/lab-tools";
import { SEED_REQUEST_NAMES, SEED_REQUESTS, type SeedRequestName } from "@/lib/lab/load";
import styles from "./lab-tools.module.css";
import { sendTry } from "./lab-tools-query";

function tone(r: TryResult): "ok" | "warn" | "danger" {
  if (r.status === 0 || r.status >= 500) return "danger";
  if (r.status === 202 || r.status >= 400) return "warn";
  return "ok";
}

/** What a 202 from POST /orders means, so the learner reads the fallback in the body. */
function meaning(r: TryResult): string | undefined {
  if (r.status === 202 && r.request === "post-order") {
    const deferred = r.body.includes('"verification": "deferred"');
    return deferred
      ? "202 Accepted: order-service could not verify the user (breaker OPEN or user-service failing) and fell back: verification deferred."
      : "202 Accepted: order-service could not check the stock and fell back: the order is backordered.";
  }
  if (r.status === 201) return "201 Created: both downstream calls succeeded.";
  if (r.status === 503) return "503: the service answered with an injected fault.";
  return undefined;
}

/** Sends the seed's `GET /users/123` and `POST /orders` through the lab's ALB and shows what came back. */
export function TryItPanel({ span = 1 }: { span?: 1 | 2 }) {
  const [result, setResult] = useState<TryResult>();
  const [pending, setPending] = useState<SeedRequestName>();
  const [error, setError] = useState<string>();

  async function send(name: SeedRequestName) {
    setPending(name);
    setError(undefined);
    try {
      setResult(await sendTry(name));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setPending(undefined);
    }
  }

  return (
    <Panel title="Try it" description="Send the seed's requests through the lab's load balancer, as the curl commands in the README do." span={span}>
      <div className={styles.stack}>
        <div className={styles.tryButtons}>
          {SEED_REQUEST_NAMES.map((name) => (
            <button key={name} type="button" className="button" onClick={() => send(name)} disabled={pending !== undefined}>
              <Icon name="arrowRight" size={15} />
              {pending === name ? "Sending…" : `Send ${SEED_REQUESTS[name].label}`}
            </button>
          ))}
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!result && !error && (
          <p className="muted" style={{ fontSize: "0.88rem" }}>
            A <strong>201</strong> means order-service verified the user and checked the stock. A <strong>202</strong> means it fell back: the user
            check is deferred (user-service failing, or its breaker OPEN) or the items are backordered. A <strong>503</strong> is a service answering with
            an injected fault.
          </p>
        )}
        <div aria-live="polite">
          {result && (
            <div className={styles.result} data-testid="try-result">
              <div className={styles.resultHead}>
                <span className={styles.status} data-tone={tone(result)} data-testid="try-status">
                  <Icon name={tone(result) === "ok" ? "check" : tone(result) === "warn" ? "clock" : "alert"} size={13} />
                  {result.status === 0 ? "no answer" : `${result.status} ${result.statusText}`}
                </span>
                <code>
                  {result.method} {result.url}
                </code>
                <span className="muted">{result.ms} ms</span>
                <span className="muted">
                  <RelativeTime at={result.at} />
                </span>
              </div>
              {meaning(result) && <p style={{ fontSize: "0.88rem" }}>{meaning(result)}</p>}
              {result.error && <p className="error">{result.error}</p>}
              {result.traceId && (
                <p className="muted" style={{ fontSize: "0.8rem" }}>
                  X-Amzn-Trace-Id <code>{result.traceId}</code>
                </p>
              )}
              {result.body && (
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard.
                <pre className={styles.pre} tabIndex={0}>
                  {result.body}
                </pre>
              )}
            </div>
          )}
        </div>
      </div>
    </Panel>
  );
}
