"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import type { Progress } from "@/lib/lab/progress-store";

export const PROGRESS_KEY = ["exercises", "progress"] as const;

export interface ProgressView {
  progress: Progress;
  percent: Record<string, number>;
}

async function fetchProgress(): Promise<ProgressView> {
  const response = await fetch("/api/exercises/progress", { cache: "no-store" });
  const json = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((json as { error?: string } | undefined)?.error ?? `The console answered ${response.status}`);
  return json as ProgressView;
}

/** The saved progress, shared by the nav rings and the exercise pages. */
export function useProgress() {
  return useQuery({ queryKey: PROGRESS_KEY, queryFn: fetchProgress, staleTime: 5_000 });
}

export function useRefreshProgress() {
  const client = useQueryClient();
  return useCallback(() => void client.invalidateQueries({ queryKey: PROGRESS_KEY }), [client]);
}
