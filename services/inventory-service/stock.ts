// The inventory-service's domain: deterministic starting stock, idempotent reservations.
import { createHash } from "node:crypto";

/** Below this, a reservation publishes stock_low (the notifications filter is `quantity < 10`). */
export const LOW_STOCK_THRESHOLD = 10;

const CATALOG: Record<string, { name: string; stock: number }> = {
  // The seed's product: 30 units, so about a dozen orders of 2 bring it under 10.
  "prod-123": { name: "Wireless Mouse", stock: 30 },
  "prod-456": { name: "Mechanical Keyboard", stock: 12 },
  "prod-789": { name: "USB-C Hub", stock: 100 },
};

export const PRODUCT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Any product id has a stock: the catalog's, or 20–119 derived from the id. */
export function initialStock(productId: string): { name: string; stock: number } {
  const known = CATALOG[productId];
  if (known) return known;
  const n = createHash("sha256").update(productId).digest().readUInt32BE(0);
  return { name: `Product ${productId}`, stock: 20 + (n % 100) };
}

export interface ItemRequest {
  product_id: string;
  quantity: number;
}

export interface ItemReservation extends ItemRequest {
  status: "reserved" | "backordered";
  /** Units left after this reservation. */
  remaining: number;
}

export interface Product {
  product_id: string;
  name: string;
  available: number;
  reserved: number;
}

export class Stock {
  private readonly products = new Map<string, Product>();
  private readonly reservations = new Map<string, ItemReservation[]>();

  get(productId: string): Product {
    let p = this.products.get(productId);
    if (!p) {
      const init = initialStock(productId);
      p = { product_id: productId, name: init.name, available: init.stock, reserved: 0 };
      this.products.set(productId, p);
    }
    return p;
  }

  list(): Product[] {
    for (const id of Object.keys(CATALOG)) this.get(id);
    return [...this.products.values()];
  }

  /**
   * Reserves every item it can; the rest are backordered. Idempotent per order: a message
   * received twice reserves once (`replayed` tells).
   */
  reserve(orderId: string, items: ItemRequest[]): { reservations: ItemReservation[]; replayed: boolean } {
    const done = this.reservations.get(orderId);
    if (done) return { reservations: done, replayed: true };
    const reservations = items.map((item): ItemReservation => {
      const p = this.get(item.product_id);
      if (p.available < item.quantity) return { ...item, status: "backordered", remaining: p.available };
      p.available -= item.quantity;
      p.reserved += item.quantity;
      return { ...item, status: "reserved", remaining: p.available };
    });
    this.reservations.set(orderId, reservations);
    return { reservations, replayed: false };
  }

  /** Gives back what an order reserved (order_cancelled). */
  release(orderId: string): ItemReservation[] {
    const done = this.reservations.get(orderId) ?? [];
    for (const r of done) {
      if (r.status !== "reserved") continue;
      const p = this.get(r.product_id);
      p.available += r.quantity;
      p.reserved -= r.quantity;
    }
    this.reservations.delete(orderId);
    return done;
  }

  restock(productId: string, quantity: number): Product {
    const p = this.get(productId);
    p.available += quantity;
    return p;
  }
}

/** Items parsed from an event body; bodies without `items` (like the seed's) have none. */
export function itemsOf(body: unknown): ItemRequest[] {
  const items = (body as { items?: unknown } | undefined)?.items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((i) => {
    const id = (i as { product_id?: unknown })?.product_id;
    const q = Number((i as { quantity?: unknown })?.quantity);
    return typeof id === "string" && PRODUCT_ID.test(id) && Number.isInteger(q) && q > 0 ? [{ product_id: id, quantity: q }] : [];
  });
}
