// What notification-service "sends" for each event: a channel, a recipient and a subject.
export interface Notification {
  id: string;
  event_type: string;
  channel: "email" | "ops-alerts";
  recipient: string;
  subject: string;
  message_id: string;
  trace_id: string;
  sent_at: string;
}

type Body = Record<string, unknown>;
const str = (v: unknown, d: string) => (typeof v === "string" || typeof v === "number" ? String(v) : d);

/** Bodies may lack fields (the seed's `{"orderId","userId","status"}` has no items): describe what is there. */
export function notificationFor(eventType: string | undefined, body: Body): Pick<Notification, "channel" | "recipient" | "subject"> {
  const orderId = str(body.orderId ?? body.order_id, "unknown order");
  const user = `user-${str(body.userId ?? body.user_id, "unknown")}`;
  switch (eventType) {
    case "order_created":
      return { channel: "email", recipient: user, subject: `Order ${orderId} received` };
    case "order_shipped":
      return { channel: "email", recipient: user, subject: `Order ${orderId} shipped` };
    case "user_registered":
      return { channel: "email", recipient: str(body.email, user), subject: `Welcome, ${str(body.name, "new user")}` };
    case "stock_low":
      return { channel: "ops-alerts", recipient: "inventory-team", subject: `Low stock: ${str(body.productId ?? body.product_id, "a product")} (${str(body.quantity, "?")} left)` };
    default:
      return { channel: "email", recipient: user, subject: `Event ${eventType ?? "without eventType"}` };
  }
}
