"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AlarmsSnapshot } from "@/lib/data/observability-sdk";
import { fetchJson, useObservability } from "./observability-context";

export const alarmsQueryKey = (window: string) => ["observability", "alarms", window] as const;

/** The lab's alarms, history strips and inbox for the page's window: one query shared by every panel that shows alarms. */
export function useAlarms() {
  const { window, target } = useObservability();
  return useQuery({
    queryKey: alarmsQueryKey(window),
    queryFn: ({ signal }) => fetchJson<AlarmsSnapshot>(`/api/observability/alarms?window=${window}`, signal),
    refetchInterval: target.pollMs,
    placeholderData: keepPreviousData,
  });
}

/** "1 s", "10 s", "2.5 s". */
export const formatSeconds = (ms: number) => (ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`);
