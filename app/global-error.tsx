"use client";

import "./globals.css";

/** Replaces the root layout when it fails, e.g. when the saved settings cannot be read. */
export default function GlobalError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && "digest" in error ? String(error.digest) : undefined;
  return (
    <html lang="en">
      <body style={{ padding: "var(--space-7)", maxWidth: "72ch", display: "grid", gap: "var(--space-4)" }}>
        <h1>The console could not start this page</h1>
        <p>
          It failed while reading its settings or environment. Check the terminal that runs <code>npm start</code>
          {digest ? (
            <>
              {" "}
              for the error with digest <code>{digest}</code>
            </>
          ) : null}
          ; a bad <code>EMULATOR_PORT</code> or an unreadable <code>.lab-data/console/settings.json</code> are the usual causes.
        </p>
        <p>
          <button type="button" className="button" data-variant="primary" onClick={() => retry()}>
            Try again
          </button>
        </p>
      </body>
    </html>
  );
}
