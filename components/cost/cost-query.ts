import { useQuery } from "@tanstack/react-query";
import type { CostReport } from "@/lib/cost/report";

export const COST_QUERY_KEY = ["cost"] as const;

export async function fetchCost(): Promise<CostReport> {
  const response = await fetch("/api/cost", { cache: "no-store" });
  if (!response.ok) throw new Error(`The console answered ${response.status} for /api/cost`);
  return response.json();
}

/** The cost report, polled at the target's live-read interval (1 s locally, 10 s on AWS). */
export function useCost() {
  return useQuery({ queryKey: COST_QUERY_KEY, queryFn: fetchCost, refetchInterval: (q) => q.state.data?.pollMs ?? 5_000 });
}
