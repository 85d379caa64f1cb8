"use client";

import { useEffect, useState } from "react";
import { formatAgo } from "@/lib/data/stack-timeline";

/** The current time, refreshed every `everyMs` while mounted. */
export function useNow(everyMs = 5_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "12 s ago", with the exact local time on hover and for assistive technology. */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  const ticking = useNow();
  const exact = new Date(iso);
  return (
    <time dateTime={iso} title={exact.toLocaleString()} suppressHydrationWarning>
      {formatAgo(iso, now ?? ticking)}
    </time>
  );
}
