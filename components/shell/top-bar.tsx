import Link from "next/link";
import { CostMeter } from "@/components/cost/cost-meter";
import type { PublicTarget } from "@/lib/aws/target";
import { LabStatusPill } from "./lab-status";
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
        <LabStatusPill />
        <CostMeter className={styles.pill} valueClassName={styles.meterValue} />
      </div>
      <ThemeToggle />
    </header>
  );
}
