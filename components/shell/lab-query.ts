import type { LabStatusResponse } from "@/app/api/lab/status/route";
import type { Job } from "@/lib/lab/progress";

export const LAB_STATUS_QUERY_KEY = ["lab-status"] as const;
export const LAB_JOB_QUERY_KEY = ["lab-job"] as const;
/** While a deploy or cleanup runs, progress is read this often. */
export const JOB_POLL_MS = 500;

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`The console answered ${response.status} for ${url}`);
  return response.json();
}

export const fetchLabStatus = () => getJson<LabStatusResponse>("/api/lab/status");
export const fetchLabJob = () => getJson<{ job: Job | null }>("/api/lab/job");
