"use client";

import { useQuery } from "@tanstack/react-query";
import { RelativeTime } from "@/components/charts/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { fetchPeek, MESSAGING_KEYS } from "./messaging-query";
import styles from "./messaging.module.css";

const STATE_WORDS = { ready: "visible", "in-flight": "in flight", delayed: "delayed" } as const;

/** The messages in a queue, read without receiving them, refreshed while open. */
export function PeekList({ queue, pollMs, id }: { queue: string; pollMs: number; id: string }) {
  const query = useQuery({ queryKey: MESSAGING_KEYS.peek(queue), queryFn: () => fetchPeek(queue), refetchInterval: pollMs });
  return (
    <section id={id} className={styles.peek} aria-label={`Messages in ${queue}`} data-testid="peek" data-queue={queue}>
      {query.isPending ? (
        <div className={styles.peekSkeleton}>
          <Skeleton width="40%" />
          <Skeleton width="90%" />
          <Skeleton width="75%" />
        </div>
      ) : query.isError ? (
        <p className="error">The messages could not be read: {query.error.message}</p>
      ) : query.data.messages.length === 0 ? (
        <p className="muted">
          <code>{queue}</code> is empty.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className={styles.peekCaption}>
              {query.data.total} message{query.data.total === 1 ? "" : "s"} in <code>{queue}</code>
              {query.data.total > query.data.messages.length && `, the first ${query.data.messages.length} shown`}. Peeking doesn't receive them, so receive counts stay as they are.
            </caption>
            <thead>
              <tr>
                <th scope="col">Body</th>
                <th scope="col">Attributes</th>
                <th scope="col">State</th>
                <th scope="col">Receives</th>
                <th scope="col">Sent</th>
              </tr>
            </thead>
            <tbody>
              {query.data.messages.map((m) => (
                <tr key={m.messageId} data-testid="peek-message">
                  <td>
                    <code className={styles.peekBody}>{m.body}</code>
                    {m.envelope && <span className={styles.mode}>from the SNS envelope</span>}
                  </td>
                  <td>
                    {m.attributes.length === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      m.attributes.map((a) => (
                        <div key={a.name}>
                          <code>
                            {a.name} = {a.value}
                          </code>{" "}
                          <span className="muted">{a.type}</span>
                        </div>
                      ))
                    )}
                  </td>
                  <td>{STATE_WORDS[m.state]}</td>
                  <td className={styles.numeric}>{m.receiveCount}</td>
                  <td>{m.sentAt ? <RelativeTime at={m.sentAt} /> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
