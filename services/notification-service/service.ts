// notification-service: consumes the notifications queue (raw delivery, so the event's
// attributes arrive as SQS message attributes), records what it "sent", and shows the recent
// ones on GET /notifications.
import { SQSClient } from "@aws-sdk/client-sqs";
import { QUEUES, SERVICE_PATH_PREFIXES, SERVICES } from "../../lib/lab/contract.ts";
import { longPollConfig } from "../shared/aws.ts";
import { QueueConsumer } from "../shared/consumer.ts";
import { isPoison, PoisonMessageError } from "../shared/events.ts";
import { HttpError, type ServiceDefinition } from "../shared/http.ts";
import { type Notification, notificationFor } from "./notifications.ts";

const KEEP = 200;

export const notificationService: ServiceDefinition = {
  name: SERVICES.notification,
  prefixes: SERVICE_PATH_PREFIXES["notification-service"],
  build({ env, log, tracer, awsConfig, version, name }) {
    const sqs = new SQSClient(longPollConfig(awsConfig, env.RECEIVE_WAIT_SECONDS));
    const sent: Notification[] = [];
    let counter = 0;

    const consumer = new QueueConsumer({
      sqs,
      queueUrl: env.NOTIFICATIONS_QUEUE_URL,
      queueName: QUEUES.notifications,
      log,
      tracer,
      waitTimeSeconds: env.RECEIVE_WAIT_SECONDS,
      handle: async (m) => {
        if (isPoison(m.json)) throw new PoisonMessageError();
        const body = m.json && typeof m.json === "object" ? (m.json as Record<string, unknown>) : { text: m.body };
        const n: Notification = {
          id: `ntf-${++counter}`,
          event_type: m.eventType ?? "unknown",
          ...notificationFor(m.eventType, body),
          message_id: m.messageId,
          trace_id: m.segment.traceId,
          sent_at: new Date().toISOString(),
        };
        sent.unshift(n);
        sent.length = Math.min(sent.length, KEEP);
        log.info("notification sent", { notification_id: n.id, channel: n.channel, recipient: n.recipient, subject: n.subject, trace_id: n.trace_id });
      },
    }).start();

    return {
      routes: [
        {
          method: "GET",
          path: "/notifications",
          handler: ({ query }) => {
            const limit = Math.min(KEEP, Math.max(1, Number(query.get("limit")) || 50));
            const type = query.get("event_type");
            const list = type ? sent.filter((n) => n.event_type === type) : sent;
            return {
              status: 200,
              body: { service: name, version, count: list.length, notifications: list.slice(0, limit), consumer: consumer.stats },
            };
          },
        },
        {
          method: "GET",
          path: "/notifications/:id",
          handler: ({ params }) => {
            const n = sent.find((x) => x.id === params.id);
            if (!n) throw new HttpError(404, "NotificationNotFound", `no notification ${params.id}`);
            return { status: 200, body: n };
          },
        },
      ],
      background: [consumer],
      readiness: () => ({ consumer: { running: consumer.stats.running, processed: consumer.stats.processed, failed: consumer.stats.failed } }),
    };
  },
};
