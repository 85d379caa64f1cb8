"use client";

import { useSyncExternalStore } from "react";
import { Icon, type IconName } from "@/components/ui/icons";
import styles from "./shell.module.css";
import { THEME_CHOICES, THEME_KEY, type ThemeChoice } from "./theme";

const listeners = new Set<() => void>();

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return stored === "light" || stored === "dark" ? stored : "system";
  } catch {
    return "system";
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function choose(choice: ThemeChoice) {
  const root = document.documentElement;
  try {
    if (choice === "system") localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Storage may be off (private mode); the choice then lasts for this page.
  }
  if (choice === "system") delete root.dataset.theme;
  else root.dataset.theme = choice;
  for (const listener of listeners) listener();
}

const LOOK: Record<ThemeChoice, { icon: IconName; label: string }> = {
  system: { icon: "system", label: "System theme" },
  light: { icon: "sun", label: "Light theme" },
  dark: { icon: "moon", label: "Dark theme" },
};

export function ThemeToggle() {
  const current = useSyncExternalStore(subscribe, readChoice, () => "system" as const);
  return (
    <fieldset className={styles.themeToggle}>
      <legend className="visually-hidden">Theme</legend>
      {THEME_CHOICES.map((choice) => (
        <button
          key={choice}
          type="button"
          className={styles.themeButton}
          aria-pressed={current === choice}
          title={LOOK[choice].label}
          onClick={() => choose(choice)}
        >
          <Icon name={LOOK[choice].icon} size={16} />
          <span className="visually-hidden">{LOOK[choice].label}</span>
        </button>
      ))}
    </fieldset>
  );
}
