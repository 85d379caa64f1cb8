"use client";

import { CopyButton } from "@/components/ui/copy-button";
import { Panel } from "@/components/ui/panel";
import { Skeleton } from "@/components/ui/skeleton";
import styles from "./lab-tools.module.css";
import { useTerminal } from "./lab-tools-query";

/**
 * The exports of `npm run lab -- env` for the current target, and the seed's commands as they run
 * here, with the two places where the seed's own text does not run as written.
 */
export function TerminalPanel({ span = 2 }: { span?: 1 | 2 }) {
  const { data, error, isPending } = useTerminal();
  return (
    <Panel title="In a terminal" description="The same steps with the AWS CLI. Paste the exports first; every command then reaches this target." span={span}>
      {isPending ? (
        <Skeleton height={160} />
      ) : error ? (
        <p className="error" role="alert">
          The exports could not be made: {error.message}
        </p>
      ) : (
        <div className={styles.stack}>
          <div className={styles.commandBlock}>
            <div className={styles.commandHead}>
              <span>Exports for {data.where}</span>
              <CopyButton text={data.exports} label="Copy the exports" />
            </div>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
            <pre className={`${styles.terminal} ${styles.exports}`} tabIndex={0} data-testid="terminal-exports">
              {data.exports}
            </pre>
          </div>
          <div className={styles.commandsGrid}>
            {data.commands.map((c) => (
              <div key={c.title} className={styles.commandBlock}>
                <div className={styles.commandHead}>
                  <span>{c.title}</span>
                  <CopyButton text={c.command} label={`Copy: ${c.title}`} />
                </div>
                {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard. */}
                <pre className={styles.terminal} tabIndex={0}>
                  {c.command}
                </pre>
                {c.note && <p className={styles.note}>{c.note}</p>}
              </div>
            ))}
          </div>
          <h3 style={{ fontSize: "0.9rem" }}>Where the seed's text does not run as written</h3>
          {data.corrections.map((c) => (
            <div key={c.what} className={styles.correction}>
              <strong>{c.what}</strong>
              <span>
                Seed: <code>{c.seed}</code>
              </span>
              {c.working.map((w) => (
                <span key={w}>
                  Works: <code>{w}</code>
                </span>
              ))}
              <span className="muted">{c.why}</span>
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
