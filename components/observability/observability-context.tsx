"use client";

import Link from "next/link";
import { createContext, type ReactNode, useContext, useMemo, useState } from "react";
import type { TimeWindowKey } from "@/components/charts/time-window";

/** What the page knows about the target, from the server: no credentials, only what the panels ask. */
export interface ObservabilityTarget {
  label: string;
  region: string;
  /** Polling interval for live reads (about 1 s locally, 10 s or more on AWS). */
  pollMs: number;
  /** The emulator's inspection API: per-edge mesh numbers, routes and tasks. */
  inspectionApi: boolean;
  /** The lab's stacks are deployed (or the status could not be read: then assume they may be). */
  deployed: boolean;
}

interface ObservabilityState {
  target: ObservabilityTarget;
  window: TimeWindowKey;
  setWindow: (w: TimeWindowKey) => void;
  /** The trace open in the waterfall, shared by the map's edge details and the trace list. */
  traceId?: string;
  openTrace: (id: string | undefined) => void;
}

const Context = createContext<ObservabilityState | undefined>(undefined);

export function ObservabilityProvider({ target, children }: { target: ObservabilityTarget; children: ReactNode }) {
  const [window, setWindow] = useState<TimeWindowKey>("5m");
  const [traceId, openTrace] = useState<string>();
  const value = useMemo(() => ({ target, window, setWindow, traceId, openTrace }), [target, window, traceId]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useObservability(): ObservabilityState {
  const value = useContext(Context);
  if (!value) throw new Error("useObservability needs an ObservabilityProvider");
  return value;
}

/** GET a live read; a failed read throws its `{error}` text so panels can say what failed and why. */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { cache: "no-store", signal });
  const body = await response.json().catch(() => undefined);
  if (!response.ok) throw new Error((body as { error?: string } | undefined)?.error ?? `The console answered ${response.status} for ${url}`);
  return body as T;
}

/** "Send an order …": what makes data appear, worded for whether the lab is deployed. */
export function noDataHint(deployed: boolean): ReactNode {
  return deployed ? (
    <>
      Send an order from the Try it panel or run the load generator, both on <Link href="/resilience">Resilience</Link>, and it shows up here within seconds.
    </>
  ) : (
    <>
      <Link href="/">Deploy the lab</Link>, then send an order from the Try it panel or run the load generator on <Link href="/resilience">Resilience</Link>.
    </>
  );
}
