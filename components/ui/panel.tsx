import { type ReactNode, useId } from "react";
import styles from "./ui.module.css";

/** A titled card on the bench: one instrument or one group of controls. */
export function Panel({
  title,
  description,
  actions,
  children,
  span = 1,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** Columns taken in a `PanelGrid`. */
  span?: 1 | 2;
}) {
  const id = useId();
  return (
    <section className={styles.panel} aria-labelledby={id} data-span={span}>
      <header className={styles.panelHeader}>
        <div>
          <h2 id={id}>{title}</h2>
          {description && <p className={styles.panelDescription}>{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

export function PanelGrid({ children }: { children: ReactNode }) {
  return <div className={styles.panelGrid}>{children}</div>;
}
