// inventory-service: stock per product, reservations from the order-processing queue, and
// stock_low events (Number attribute `quantity`) to inventory-events. SERVICE_VERSION (v1 or
// v2, the canary) is in every answer, so the mesh's weighted split is visible.
import { SNSClient } from "@aws-sdk/client-sns";
import { SQSClient } from "@aws-sdk/client-sqs";
import { z } from "zod";
import { QUEUES, SERVICE_PATH_PREFIXES, SERVICES } from "../../lib/lab/contract.ts";
import { longPollConfig } from "../shared/aws.ts";
import { QueueConsumer, type ReceivedMessage } from "../shared/consumer.ts";
import { isPoison, PoisonMessageError, publishEvent } from "../shared/events.ts";
import { HttpError, type ServiceDefinition } from "../shared/http.ts";
import type { Segment } from "../shared/tracing.ts";
import { type ItemReservation, itemsOf, LOW_STOCK_THRESHOLD, PRODUCT_ID, Stock } from "./stock.ts";

const ReserveBody = z.object({
  order_id: z.string().min(1).max(64).optional(),
  items: z.array(z.object({ product_id: z.string().regex(PRODUCT_ID), quantity: z.coerce.number().int().min(1).max(1_000) })).min(1),
});
const RestockBody = z.object({ quantity: z.coerce.number().int().min(1).max(100_000) });

interface ProcessedMessage {
  message_id: string;
  event_type: string | undefined;
  receive_count: number;
  result: string;
  at: string;
}

const RECENT = 50;

export const inventoryService: ServiceDefinition = {
  name: SERVICES.inventory,
  prefixes: SERVICE_PATH_PREFIXES["inventory-service"],
  build({ env, log, tracer, awsConfig, name, version }) {
    const sns = new SNSClient(awsConfig);
    const sqs = new SQSClient(longPollConfig(awsConfig, env.RECEIVE_WAIT_SECONDS));
    const stock = new Stock();
    const recent: ProcessedMessage[] = [];
    const served = { version, served_by: name };
    const extras = version === "v2" ? { restock_eta_days: 3 } : {};

    const note = (m: ReceivedMessage, result: string) => {
      recent.unshift({ message_id: m.messageId, event_type: m.eventType, receive_count: m.receiveCount, result, at: new Date().toISOString() });
      recent.length = Math.min(recent.length, RECENT);
    };

    async function announceLowStock(reservations: ItemReservation[], segment: Segment) {
      for (const r of reservations) {
        if (r.status !== "reserved" || r.remaining >= LOW_STOCK_THRESHOLD) continue;
        const p = stock.get(r.product_id);
        await publishEvent({
          sns,
          topicArn: env.INVENTORY_EVENTS_TOPIC_ARN,
          event: { eventType: "stock_low", productId: r.product_id, name: p.name, quantity: r.remaining, timestamp: new Date().toISOString() },
          attributes: { quantity: r.remaining },
          segment,
          log,
        });
      }
    }

    const consumer = new QueueConsumer({
      sqs,
      queueUrl: env.ORDER_PROCESSING_QUEUE_URL,
      queueName: QUEUES.orderProcessing,
      log,
      tracer,
      waitTimeSeconds: env.RECEIVE_WAIT_SECONDS,
      handle: async (m) => {
        if (isPoison(m.json)) {
          note(m, "failed: poison");
          throw new PoisonMessageError();
        }
        const body = (m.json ?? {}) as { orderId?: unknown; order_id?: unknown };
        const orderId = String(body.orderId ?? body.order_id ?? m.messageId);
        if (m.eventType === "order_cancelled") {
          const released = stock.release(orderId);
          note(m, `released ${released.length} item(s) of ${orderId}`);
          return;
        }
        const items = itemsOf(m.json);
        if (items.length === 0) {
          note(m, "processed: no items to reserve");
          return;
        }
        const { reservations, replayed } = stock.reserve(orderId, items);
        note(m, replayed ? `already reserved for ${orderId}` : `reserved for ${orderId}`);
        if (!replayed) await announceLowStock(reservations, m.segment);
      },
    }).start();

    return {
      routes: [
        {
          method: "GET",
          path: "/inventory",
          handler: () => ({ status: 200, body: { ...served, products: stock.list(), consumer: consumer.stats, recent_messages: recent } }),
        },
        {
          method: "POST",
          path: "/inventory/reserve",
          handler: async (ctx) => {
            const parsed = ReserveBody.safeParse(await ctx.body());
            if (!parsed.success) throw new HttpError(400, "ValidationError", parsed.error.issues[0].message);
            const orderId = parsed.data.order_id ?? `direct-${ctx.segment.traceId}`;
            const { reservations, replayed } = stock.reserve(orderId, parsed.data.items);
            if (!replayed) await announceLowStock(reservations, ctx.segment);
            return { status: 200, body: { ...served, order_id: orderId, replayed, reservations } };
          },
        },
        {
          method: "GET",
          path: "/inventory/:product_id",
          handler: ({ params }) => {
            if (!PRODUCT_ID.test(params.product_id)) throw new HttpError(400, "InvalidProductId", "product ids are letters, digits, '-', '_' or '.'");
            return { status: 200, body: { ...stock.get(params.product_id), low_stock: stock.get(params.product_id).available < LOW_STOCK_THRESHOLD, ...served, ...extras } };
          },
        },
        {
          method: "POST",
          path: "/inventory/:product_id/restock",
          handler: async (ctx) => {
            const parsed = RestockBody.safeParse(await ctx.body());
            if (!parsed.success) throw new HttpError(400, "ValidationError", parsed.error.issues[0].message);
            if (!PRODUCT_ID.test(ctx.params.product_id)) throw new HttpError(400, "InvalidProductId", "bad product id");
            return { status: 200, body: { ...stock.restock(ctx.params.product_id, parsed.data.quantity), ...served } };
          },
        },
      ],
      background: [consumer],
      readiness: () => ({ consumer: { running: consumer.stats.running, processed: consumer.stats.processed, failed: consumer.stats.failed } }),
    };
  },
};
