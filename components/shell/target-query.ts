import type { TargetStatus } from "@/lib/data/target-status";

export const TARGET_QUERY_KEY = ["target"] as const;
export const TARGET_POLL_MS = 5_000;

export async function fetchTargetStatus(): Promise<TargetStatus> {
  const response = await fetch("/api/target", { cache: "no-store" });
  if (!response.ok) throw new Error(`The console answered ${response.status} for /api/target`);
  return response.json();
}
