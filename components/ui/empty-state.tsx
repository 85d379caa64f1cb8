import Link from "next/link";
import type { ReactNode } from "react";
import { Icon } from "./icons";
import styles from "./ui.module.css";

/**
 * "Not deployed yet — Deploy the lab". On pages other than Overview the button
 * leads to Overview, where deploying happens.
 */
export function NotDeployed({ what, action, compact }: { what: ReactNode; action?: ReactNode; compact?: boolean }) {
  return (
    <div className={styles.empty} data-compact={compact || undefined} data-testid="empty-state">
      <span className={styles.emptyIcon}>
        <Icon name="rocket" size={compact ? 20 : 24} />
      </span>
      <div className={styles.emptyText}>
        <p className={styles.emptyTitle}>Not deployed yet — Deploy the lab</p>
        <p className={styles.emptyBody}>{what}</p>
      </div>
      {action ?? (
        <Link href="/" className="button" data-variant="primary">
          Deploy the lab
          <Icon name="arrowRight" size={16} />
        </Link>
      )}
    </div>
  );
}
