"use client";

import { type RefObject, useLayoutEffect, useState } from "react";

/**
 * Resolves CSS custom properties (which may hold `light-dark()`) to concrete colours inside
 * `container`, and again whenever the theme changes, so SVG charts follow the same variables
 * as the rest of the console.
 */
export function useChartColors(container: RefObject<HTMLElement | null>, names: readonly string[]): Record<string, string> | undefined {
  const [colors, setColors] = useState<Record<string, string>>();
  const key = names.join(" ");
  useLayoutEffect(() => {
    const list = key.split(" ").filter(Boolean);
    const resolve = () => {
      const host = container.current;
      if (!host) return;
      const probe = document.createElement("span");
      probe.style.display = "none";
      host.appendChild(probe);
      const out: Record<string, string> = {};
      for (const name of list) {
        probe.style.color = `var(${name})`;
        out[name] = getComputedStyle(probe).color;
      }
      probe.remove();
      setColors((previous) => (previous && list.every((n) => previous[n] === out[n]) ? previous : out));
    };
    resolve();
    const observer = new MutationObserver(resolve);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme", "class", "style"] });
    const media = window.matchMedia("(prefers-color-scheme: dark)");
    media.addEventListener("change", resolve);
    return () => {
      observer.disconnect();
      media.removeEventListener("change", resolve);
    };
  }, [container, key]);
  return colors;
}
