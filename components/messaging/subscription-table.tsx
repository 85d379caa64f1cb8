import { SUBSCRIPTIONS } from "@/lib/lab/contract";

/** The event contract: which topic reaches which queue, through which filter policy. */
export function SubscriptionTable() {
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
          </tr>
        </thead>
        <tbody>
          {SUBSCRIPTIONS.map((s) => (
            <tr key={`${s.topic}-${s.queue}`}>
              <td>
                <code>{s.topic}</code>
              </td>
              <td>
                <code>{s.queue}</code>
              </td>
              <td>
                {s.filterPolicy ? (
                  <code>{JSON.stringify(s.filterPolicy)}</code>
                ) : (
                  <span className="muted">none: every event</span>
                )}
              </td>
              <td className="muted">{s.rawMessageDelivery ? "raw" : "SNS envelope"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
