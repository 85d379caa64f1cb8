"use client";

import { useEffect, useState } from "react";
import { formatAgo } from "@/lib/data/stack-timeline";

/**
 * The current time, refreshed every `everyMs` while mounted; `undefined` until the component
 * has mounted. The server's clock and the browser's differ by the time the page took to
 * arrive, so anything computed from "now" during hydration would not match the server's HTML
 * (React error #418) and React would re-render the whole document on the client, dropping
 * the theme the inline script had set. Callers render a time-free placeholder until then.
 */
export function useNow(everyMs = 5_000): number | undefined {
  const [now, setNow] = useState<number>();
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "12 s ago", with the exact local time on hover and for assistive technology. */
export function RelativeTime({ iso, now }: { iso: string; now?: number }) {
  const ticking = useNow();
  const exact = new Date(iso);
  const at = now ?? ticking;
  return (
    <time dateTime={iso} title={exact.toLocaleString()} suppressHydrationWarning>
      {at === undefined ? "" : formatAgo(iso, at)}
    </time>
  );
}
