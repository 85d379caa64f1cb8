"use client";

import { useEffect, useRef } from "react";
import { useNow } from "@/components/charts/use-now";

/**
 * The server's clock as seen from the browser, ticking every second: countdowns to `retry_at`
 * and fault expiries are written by other machines' clocks, so the browser's own may be off.
 * `serverAt` is the `at` of the latest snapshot.
 */
export function useServerNow(serverAt: number | undefined, everyMs = 1_000): number {
  const now = useNow(everyMs);
  const offset = useRef(0);
  const seen = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (serverAt === undefined || serverAt === seen.current) return;
    seen.current = serverAt;
    offset.current = serverAt - Date.now();
  }, [serverAt]);
  // Within a second or so of skew the browser's clock is good enough and looks steadier.
  return Math.abs(offset.current) > 1_500 ? now + offset.current : now;
}
