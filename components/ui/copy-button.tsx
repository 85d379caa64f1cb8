"use client";

import { useEffect, useState } from "react";
import { Icon } from "./icons";

/** Copies `text` to the clipboard and says so for two seconds. */
export function CopyButton({ text, label = "Copy command" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <button type="button" className="button" data-variant="ghost" data-size="small" onClick={copy} aria-label={label}>
      <Icon name={state === "copied" ? "check" : "copy"} size={15} />
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Select and copy" : "Copy"}</span>
    </button>
  );
}
