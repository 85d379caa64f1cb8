import type { ReactNode } from "react";
import styles from "./ui.module.css";

/** A page's title and its one-line purpose, in second person, present tense. */
export function PageHeader({ eyebrow, title, purpose }: { eyebrow?: string; title: string; purpose: ReactNode }) {
  return (
    <header className={styles.pageHeader}>
      {eyebrow && <p className={styles.eyebrow}>{eyebrow}</p>}
      <h1>{title}</h1>
      <p className={styles.purpose}>{purpose}</p>
    </header>
  );
}
