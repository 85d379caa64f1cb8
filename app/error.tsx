"use client";

import Link from "next/link";
import { useEffect } from "react";
import { Icon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";

/** What failed, why, and what to do. */
export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <>
      <PageHeader title="This page could not load" purpose="The console hit an error while reading the lab's state." />
      <Panel
        title="What to do"
        description={
          <>
            Try again; if it keeps failing, check the terminal that runs <code>npm start</code>
            {digest ? (
              <>
                {" "}
                for the error with digest <code>{digest}</code>
              </>
            ) : null}
            , and check the target in Settings.
          </>
        }
      >
        <div style={{ display: "flex", gap: "var(--space-3)" }}>
          <button type="button" className="button" data-variant="primary" onClick={() => retry()}>
            Try again
          </button>
          <Link href="/settings" className="button">
            <Icon name="settings" size={16} />
            Open Settings
          </Link>
        </div>
      </Panel>
    </>
  );
}
