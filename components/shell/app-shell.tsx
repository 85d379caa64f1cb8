import type { ReactNode } from "react";
import type { PublicTarget } from "@/lib/aws/target";
import { Providers } from "./providers";
import styles from "./shell.module.css";
import { SideNav } from "./side-nav";
import { TopBar } from "./top-bar";

export function AppShell({ target, children }: { target: PublicTarget; children: ReactNode }) {
  return (
    <Providers>
      <a href="#main" className={styles.skipLink}>
        Skip to content
      </a>
      <div className={styles.shell}>
        <TopBar target={target} />
        <SideNav />
        <main id="main" tabIndex={-1} className={styles.main}>
          {children}
        </main>
      </div>
    </Providers>
  );
}
