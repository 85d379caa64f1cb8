"use client";

import { useNow } from "@/components/ui/relative-time";
import { ttlCountdown } from "@/lib/lab/ttl";

/**
 * "Removes itself in 3 h 12 min": the lab TTL's countdown, from the TTL stack's ExpiresAt
 * output. The exact time (UTC) is in the tooltip and for assistive technology.
 */
export function TtlCountdown({ expiresAt }: { expiresAt: string }) {
  const now = useNow(15_000);
  const countdown = ttlCountdown(expiresAt, now);
  if (!countdown) return null;
  const text = countdown.remainingMs > 0 ? `removes itself in ${countdown.label}` : "its TTL is up: the TTL function is deleting it";
  return (
    <span data-testid="lab-ttl" data-remaining-ms={countdown.remainingMs}>
      {" · "}
      <time dateTime={expiresAt} title={`At ${expiresAt.replace("T", " ").replace("Z", " UTC")}. Deploy again to restart the clock, or clean up now.`} suppressHydrationWarning>
        {text}
      </time>
    </span>
  );
}
