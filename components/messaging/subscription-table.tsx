import type { SubscriptionView } from "@/lib/data/messaging";
import { SUBSCRIPTIONS } from "@/lib/lab/contract";
import { Verdict } from "./verdict";

const samePolicy = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The event contract: which topic reaches which queue, through which filter policy. With `live`
 * subscriptions, each row also says whether the target has it as the contract says.
 */
export function SubscriptionTable({ live }: { live?: SubscriptionView[] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Subscriptions from topics to queues, with their filter policies</caption>
        <thead>
          <tr>
            <th scope="col">Topic</th>
            <th scope="col">Queue</th>
            <th scope="col">Filter policy</th>
            <th scope="col">Delivery</th>
            {live && <th scope="col">On this target</th>}
          </tr>
        </thead>
        <tbody>
          {SUBSCRIPTIONS.map((s) => {
            const found = live?.find((l) => l.topic === s.topic && l.queue === s.queue);
            const drift = found && (!samePolicy(found.filterPolicy, s.filterPolicy) || found.rawMessageDelivery !== s.rawMessageDelivery);
            return (
              <tr key={`${s.topic}-${s.queue}`}>
                <td>
                  <code>{s.topic}</code>
                </td>
                <td>
                  <code>{s.queue}</code>
                </td>
                <td>{s.filterPolicy ? <code>{JSON.stringify(s.filterPolicy)}</code> : <span className="muted">none: every event</span>}</td>
                <td className="muted">{s.rawMessageDelivery ? "raw" : "SNS envelope"}</td>
                {live && (
                  <td>
                    {!found ? (
                      <Verdict tone="danger" icon="no">
                        Missing
                      </Verdict>
                    ) : drift ? (
                      <Verdict tone="warn" icon="dead">
                        Differs: {found.filterPolicy ? <code>{JSON.stringify(found.filterPolicy)}</code> : "no filter"}, {found.rawMessageDelivery ? "raw" : "envelope"}
                      </Verdict>
                    ) : (
                      <Verdict tone="ok" icon="yes">
                        Subscribed
                      </Verdict>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
