"use client";

import { useQuery } from "@tanstack/react-query";
import type { EcsServiceView, TerminalView, TryResult } from "@/lib/data/lab-tools";

// Live reads of the lab-tools panels. Any page can render the panels; each reads its own route.
async function read<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, { cache: "no-store", ...init });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((json as { error?: string } | undefined)?.error ?? `The console answered ${response.status} for ${url}`);
  return json as T;
}

export function useEcs() {
  return useQuery({
    queryKey: ["lab-tools", "ecs"],
    queryFn: () => read<{ services: EcsServiceView[]; cluster: string; deployed: boolean; pollMs: number }>("/api/resilience/ecs"),
    refetchInterval: (q) => q.state.data?.pollMs ?? 2_000,
    refetchIntervalInBackground: false,
  });
}

export function useTerminal() {
  return useQuery({ queryKey: ["lab-tools", "terminal"], queryFn: () => read<TerminalView>("/api/resilience/terminal"), refetchInterval: 15_000 });
}

export const sendTry = (request: string) =>
  read<TryResult>("/api/resilience/try", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ request }) });
