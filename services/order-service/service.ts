// order-service: takes orders. It verifies the user with user-service and checks stock with
// inventory-service, each call behind the shared circuit breaker, then publishes
// order_created to order-events (inventory-service reserves the stock from order-processing).
// While a breaker is OPEN, or a call fails, it falls back instead of failing: 202 with
// `"verification": "deferred"` (user) or `"status": "backordered"` (inventory), never a 5xx.
import { randomUUID } from "node:crypto";
import { SNSClient } from "@aws-sdk/client-sns";
import { z } from "zod";
import { BREAKER_SERVICES, type EventType, SERVICE_PATH_PREFIXES, SERVICES } from "../../lib/lab/contract.ts";
import { DynamoBreakerStore, ResilientBreakerStore } from "../shared/breaker-store.ts";
import { publishEvent } from "../shared/events.ts";
import { type GuardedResult, guardedCall } from "../shared/guarded.ts";
import { callPeer, HttpError, type PeerResponse, type RequestContext, type ServiceDefinition } from "../shared/http.ts";

const OrderBody = z.object({
  user_id: z.coerce.number().int().positive(),
  items: z
    .array(z.object({ product_id: z.string().trim().min(1).max(64), quantity: z.coerce.number().int().min(1).max(1_000) }))
    .min(1)
    .max(50),
});
type OrderInput = z.infer<typeof OrderBody>;

export type Fallback = { service: string; reason: "circuit_open" | "upstream_error"; detail: string };

export interface OrderItem {
  product_id: string;
  quantity: number;
  available?: number;
  status: "available" | "backordered";
}

export interface Order {
  order_id: string;
  user_id: number;
  status: "created" | "accepted" | "backordered" | "cancelled" | "shipped";
  verification: "verified" | "deferred";
  inventory: "checked" | "deferred";
  items: OrderItem[];
  user?: { id: number; name: string; tier?: string };
  /** Which inventory-service version answered (the canary split), if it did. */
  inventory_versions: string[];
  breakers: Record<string, string>;
  fallbacks: Fallback[];
  event: { type: EventType; published: boolean; message_id?: string };
  created_at: string;
  trace_id: string;
}

type UserBody = { id: number; name: string; tier?: string; error?: string };
type StockBody = { product_id: string; available: number; version?: string };

function fallbackOf<T>(service: string, r: GuardedResult<PeerResponse<T> | PeerResponse<T>[]>): Fallback | undefined {
  if (r.outcome === "success") return undefined;
  if (r.outcome === "short-circuited") return { service, reason: "circuit_open", detail: `circuit breaker ${r.state}` };
  const responses = Array.isArray(r.value) ? r.value : [r.value];
  const bad = responses.find((x) => !x.ok);
  return { service, reason: "upstream_error", detail: bad?.error ?? `HTTP ${bad?.status}` };
}

/** The HTTP status and status word of an order, from what the two calls gave. */
export function orderStatus(userDeferred: boolean, inventoryDeferred: boolean): { http: 201 | 202; status: Order["status"] } {
  if (userDeferred) return { http: 202, status: "accepted" };
  if (inventoryDeferred) return { http: 202, status: "backordered" };
  return { http: 201, status: "created" };
}

const MAX_ORDERS = 1_000;
/** Well under the breaker's reaction budget (OPEN visible within 1 s) and the fault poll (1 s). */
const BREAKER_READ_CACHE_MS = 250;

export const orderService: ServiceDefinition = {
  name: SERVICES.order,
  prefixes: SERVICE_PATH_PREFIXES["order-service"],
  build({ env, log, metrics, ddb, awsConfig }) {
    const sns = new SNSClient(awsConfig);
    // Every order checks two breakers: reuse a read for BREAKER_READ_CACHE_MS instead of two
    // consistent GetItems per request (writes stay conditional, so the state stays shared).
    const store = new ResilientBreakerStore(new DynamoBreakerStore({ client: ddb, tableName: env.BREAKER_TABLE, readCacheMs: BREAKER_READ_CACHE_MS }), log);
    const guard = { store, metrics, log };
    const orders = new Map<string, Order>();
    const timeoutMs = env.DOWNSTREAM_TIMEOUT_MS;

    const remember = (order: Order) => {
      orders.set(order.order_id, order);
      if (orders.size > MAX_ORDERS) orders.delete(orders.keys().next().value as string);
    };

    const peerUrl = (base: string | undefined, path: string) => {
      if (!base) return undefined;
      return `${base.replace(/\/+$/, "")}${path}`;
    };

    const unconfigured = <T>(name: string): PeerResponse<T> => ({ ok: false, status: 0, error: `${name} URL not configured`, latencyMs: 0 });

    async function verifyUser(ctx: RequestContext, userId: number) {
      const url = peerUrl(env.USER_SERVICE_URL, `/users/${userId}`);
      return guardedCall(
        guard,
        SERVICES.user,
        async () => {
          const res = url ? await callPeer<UserBody>(ctx.segment, SERVICES.user, url, { timeoutMs }) : unconfigured<UserBody>("USER_SERVICE");
          return { ok: res.ok, value: res };
        },
        ctx.segment.traceId,
      );
    }

    async function checkStock(ctx: RequestContext, items: OrderInput["items"]) {
      return guardedCall(
        guard,
        SERVICES.inventory,
        async () => {
          const responses = await Promise.all(
            items.map((item) => {
              const url = peerUrl(env.INVENTORY_SERVICE_URL, `/inventory/${encodeURIComponent(item.product_id)}`);
              return url ? callPeer<StockBody>(ctx.segment, SERVICES.inventory, url, { timeoutMs }) : Promise.resolve(unconfigured<StockBody>("INVENTORY_SERVICE"));
            }),
          );
          return { ok: responses.every((r) => r.ok), value: responses };
        },
        ctx.segment.traceId,
      );
    }

    async function publish(ctx: RequestContext, order: Order, eventType: EventType) {
      const event = {
        eventType,
        orderId: order.order_id,
        userId: order.user_id,
        status: order.status,
        items: order.items.map(({ product_id, quantity }) => ({ product_id, quantity })),
        timestamp: new Date().toISOString(),
      };
      const out = await publishEvent({ sns, topicArn: env.ORDER_EVENTS_TOPIC_ARN, event, segment: ctx.segment, log });
      order.event = { type: eventType, published: out.published, ...(out.messageId ? { message_id: out.messageId } : {}) };
    }

    const changeStatus = (status: "cancelled" | "shipped", eventType: EventType) => async (ctx: RequestContext) => {
      const order = orders.get(ctx.params.id);
      if (!order) throw new HttpError(404, "OrderNotFound", `no order ${ctx.params.id}`);
      order.status = status;
      await publish(ctx, order, eventType);
      return { status: 200, body: order };
    };

    return {
      routes: [
        {
          method: "POST",
          path: "/orders",
          handler: async (ctx) => {
            const parsed = OrderBody.safeParse(await ctx.body());
            if (!parsed.success) {
              const issue = parsed.error.issues[0];
              throw new HttpError(400, "ValidationError", `${issue.path.join(".") || "body"}: ${issue.message}`, {
                example: { user_id: 123, items: [{ product_id: "prod-123", quantity: 2 }] },
              });
            }
            const input = parsed.data;
            const [user, stock] = await Promise.all([verifyUser(ctx, input.user_id), checkStock(ctx, input.items)]);

            // A user that does not exist is the caller's mistake, not a failing dependency.
            if (user.outcome === "success" && user.value.status === 404) {
              throw new HttpError(422, "UnknownUser", `user ${input.user_id} does not exist`);
            }
            const fallbacks = [fallbackOf(SERVICES.user, user), fallbackOf(SERVICES.inventory, stock)].filter((f): f is Fallback => f !== undefined);
            const userDeferred = user.outcome !== "success";
            const inventoryDeferred = stock.outcome !== "success";
            const { http, status } = orderStatus(userDeferred, inventoryDeferred);
            const stockBodies = stock.outcome === "success" ? stock.value.map((r) => r.body) : [];
            const items: OrderItem[] = input.items.map((item, i) => {
              const available = stockBodies[i]?.available;
              return {
                ...item,
                ...(available === undefined ? {} : { available }),
                status: available !== undefined && available >= item.quantity ? "available" : "backordered",
              };
            });
            const userBody = user.outcome === "success" ? user.value.body : undefined;
            const order: Order = {
              order_id: `ord-${randomUUID().slice(0, 8)}`,
              user_id: input.user_id,
              status,
              verification: userDeferred ? "deferred" : "verified",
              inventory: inventoryDeferred ? "deferred" : "checked",
              items,
              ...(userBody ? { user: { id: userBody.id, name: userBody.name, tier: userBody.tier } } : {}),
              inventory_versions: [...new Set(stockBodies.map((b) => b?.version).filter((v): v is string => typeof v === "string"))],
              breakers: { [SERVICES.user]: user.state, [SERVICES.inventory]: stock.state },
              fallbacks,
              event: { type: "order_created", published: false },
              created_at: new Date().toISOString(),
              trace_id: ctx.segment.traceId,
            };
            await publish(ctx, order, "order_created");
            remember(order);
            return { status: http, body: order };
          },
        },
        { method: "GET", path: "/orders", handler: () => ({ status: 200, body: { orders: [...orders.values()].slice(-50).reverse() } }) },
        {
          method: "GET",
          path: "/orders/breakers",
          handler: async () => ({
            status: 200,
            body: { shared: !store.degraded, breakers: await Promise.all(BREAKER_SERVICES.map((s) => store.read(s))) },
          }),
        },
        {
          method: "GET",
          path: "/orders/:id",
          handler: ({ params }) => {
            const order = orders.get(params.id);
            if (!order) throw new HttpError(404, "OrderNotFound", `no order ${params.id}`);
            return { status: 200, body: order };
          },
        },
        { method: "POST", path: "/orders/:id/cancel", handler: changeStatus("cancelled", "order_cancelled") },
        { method: "POST", path: "/orders/:id/ship", handler: changeStatus("shipped", "order_shipped") },
      ],
      readiness: () => ({ breaker_state_shared: !store.degraded }),
    };
  },
};
