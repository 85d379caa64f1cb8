"use client";

import { formatAgo } from "./time-window";
import { useNow } from "./use-now";

/** "12 s ago", with the exact time on hover (UI.md, "Conventions"). */
export function RelativeTime({ at, now }: { at: number; now?: number }) {
  const ticking = useNow();
  const exact = new Date(at);
  return (
    <time dateTime={exact.toISOString()} title={exact.toLocaleString()} suppressHydrationWarning>
      {formatAgo((now ?? ticking) - at)}
    </time>
  );
}
