"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { Icon } from "@/components/ui/icons";
import type { PublicTarget } from "@/lib/aws/target";
import styles from "./shell.module.css";
import { fetchTargetStatus, TARGET_POLL_MS, TARGET_QUERY_KEY } from "./target-query";

/** "Local emulator · 000000000000 · us-east-1", polled so it notices when the target goes away. */
export function TargetBadge({ initial }: { initial: PublicTarget }) {
  const { data, error } = useQuery({
    queryKey: TARGET_QUERY_KEY,
    queryFn: fetchTargetStatus,
    refetchInterval: TARGET_POLL_MS,
  });
  const target = data ?? initial;
  const who = target.accountId ?? (target.profile ? `profile ${target.profile}` : undefined);
  const summary = [target.label, who, target.region].filter(Boolean).join(" · ");
  const state = error ? "unknown" : !data ? "checking" : data.reachable ? "reachable" : "unreachable";
  const reason = error ? error.message : data?.reason;

  return (
    <Link
      href="/settings"
      className={styles.badge}
      data-testid="target-badge"
      data-tone={target.tone}
      data-state={state}
      title={reason ? `${summary}: unreachable, ${reason}` : `${summary}. Change the target in Settings.`}
    >
      <Icon name={target.tone === "warning" ? "cloud" : "laptop"} size={16} />
      <span className={styles.badgeSummary}>{summary}</span>
      <span className={styles.badgeState} role="status">
        <span className={styles.stateDot} aria-hidden="true" />
        {state === "unreachable" ? (
          <>
            unreachable<span className={styles.badgeReason}> — {reason}</span>
          </>
        ) : (
          state
        )}
      </span>
    </Link>
  );
}
