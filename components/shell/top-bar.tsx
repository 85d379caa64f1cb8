import Link from "next/link";
import type { PublicTarget } from "@/lib/aws/target";
import styles from "./shell.module.css";
import { TargetBadge } from "./target-badge";
import { ThemeToggle } from "./theme-toggle";

export function TopBar({ target }: { target: PublicTarget }) {
  return (
    <header className={styles.topBar}>
      <Link href="/" className={styles.brand} aria-label="Cross-Service Lab: Overview">
        <svg width="22" height="22" viewBox="0 0 32 32" aria-hidden="true" className={styles.logo}>
          <circle cx="8" cy="8" r="4" />
          <circle cx="24" cy="8" r="4" />
          <circle cx="16" cy="24" r="4" />
          <path d="M11 10l4 10M21 10l-4 10M12 8h8" />
        </svg>
        <span>Cross-Service Lab</span>
      </Link>
      <div className={styles.indicators}>
        <TargetBadge initial={target} />
        <span className={styles.pill} data-testid="lab-status" title="Lab status on this target">
          <span className={styles.stateDot} aria-hidden="true" />
          Not deployed
        </span>
        <span className={styles.pill} data-testid="cost-meter" title="What the deployed lab has cost so far, and costs per hour">
          <span className={styles.meterValue}>$0.00</span> so far · <span className={styles.meterValue}>$0.00/h</span>
        </span>
      </div>
      <ThemeToggle />
    </header>
  );
}
