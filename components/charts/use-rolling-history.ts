"use client";

import { useEffect, useSyncExternalStore } from "react";
import { MAX_WINDOW_MS } from "./time-window";

// Live reads return only the latest values; charts keep the history themselves. Histories live
// outside React, keyed by name, so leaving a page and coming back keeps the last 15 minutes.
class History<T> {
  samples: readonly T[] = [];
  private listeners = new Set<() => void>();
  private readonly timeOf: (sample: T) => number;
  constructor(timeOf: (sample: T) => number) {
    this.timeOf = timeOf;
  }

  add(sample: T, maxAgeMs: number) {
    const t = this.timeOf(sample);
    const last = this.samples[this.samples.length - 1];
    if (last && this.timeOf(last) >= t) return;
    const cutoff = t - maxAgeMs;
    this.samples = [...this.samples.filter((s) => this.timeOf(s) >= cutoff), sample];
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const histories = new Map<string, History<unknown>>();
const EMPTY: readonly never[] = [];

/**
 * Appends each new `sample` (newer than the last by `timeOf`) to the history named `key`, keeps
 * `maxAgeMs` of it, and returns it oldest first.
 */
export function useRollingHistory<T>(key: string, sample: T | undefined, timeOf: (sample: T) => number, maxAgeMs = MAX_WINDOW_MS): readonly T[] {
  let history = histories.get(key) as History<T> | undefined;
  if (!history) {
    history = new History(timeOf);
    histories.set(key, history as History<unknown>);
  }
  const h = history;
  useEffect(() => {
    if (sample !== undefined) h.add(sample, maxAgeMs);
  }, [h, sample, maxAgeMs]);
  return useSyncExternalStore(
    h.subscribe,
    () => h.samples,
    () => EMPTY,
  );
}

/** Forgets a history, e.g. when the target changes and old samples would mislead. */
export function clearHistory(key: string) {
  histories.delete(key);
}
