"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { ResilienceSnapshot } from "@/lib/data/resilience";

// The Resilience page's one live read (app/api/resilience/state), shared by every panel through
// React Query: each panel asks, one request goes out per poll.
export const RESILIENCE_KEY = ["resilience", "state"] as const;

async function fetchResilience(): Promise<ResilienceSnapshot> {
  const response = await fetch("/api/resilience/state", { cache: "no-store" });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((json as { error?: string } | undefined)?.error ?? `The console answered ${response.status} for /api/resilience/state`);
  return json as ResilienceSnapshot;
}

/** Polled at the target's `pollMs` (about 1 s locally, 10 s on AWS) while the page is visible. */
export function useResilience() {
  return useQuery({
    queryKey: RESILIENCE_KEY,
    queryFn: fetchResilience,
    refetchInterval: (query) => query.state.data?.pollMs ?? 1_000,
    refetchIntervalInBackground: false,
  });
}

/** Ask again now, e.g. right after an action changed something. */
export function useRefreshResilience() {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: RESILIENCE_KEY }), [client]);
}
