import { invalidParameter } from "../store.ts";

/** List pagination: maxResults 1-100, nextToken is an opaque offset. */
export function page<T>(all: T[], maxResults: number | undefined, nextToken: string | undefined) {
  const max = maxResults ?? 100;
  if (max < 1 || max > 100) throw invalidParameter("maxResults must be between 1 and 100.");
  const start = nextToken ? Number(Buffer.from(nextToken, "base64").toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter("Invalid nextToken.");
  const items = all.slice(start, start + max);
  return { items, nextToken: start + max < all.length ? Buffer.from(String(start + max)).toString("base64") : undefined };
}
