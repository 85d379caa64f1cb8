import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** Every page of the console with the heading it must show. */
export const PAGES = [
  { name: "overview", path: "/", heading: "Overview" },
  { name: "exercise-1", path: "/exercises/1", heading: "Service mesh communication" },
  { name: "exercise-2", path: "/exercises/2", heading: "Asynchronous messaging" },
  { name: "exercise-3", path: "/exercises/3", heading: "Circuit breaker patterns" },
  { name: "exercise-4", path: "/exercises/4", heading: "Observability and monitoring" },
  { name: "messaging", path: "/messaging", heading: "Messaging" },
  { name: "resilience", path: "/resilience", heading: "Resilience" },
  { name: "observability", path: "/observability", heading: "Observability" },
  { name: "settings", path: "/settings", heading: "Settings" },
] as const;

export const THEMES = ["light", "dark"] as const;

/** Collects console errors and uncaught exceptions for the life of the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  // A hydration mismatch (React #418) counts too: React then re-renders the whole document on
  // the client, which also drops the theme the inline script set on <html>.
  page.on("pageerror", (error) => errors.push(`page: ${error.message}`));
  return errors;
}

/** The page rendered as itself, not as a Next error page or a crash. */
export async function expectHealthyPage(page: Page, heading: string) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
  await expect(page.locator("nextjs-portal")).toHaveCount(0);
  await expect(page.getByText(/Application error|Internal Server Error|This page could not be found/)).toHaveCount(0);
}

/** axe-core's serious and critical WCAG 2.2 AA findings on the page, one line each. */
export async function seriousA11yViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"])
    .analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** The target badge has finished its first probe. */
export async function badgeSettled(page: Page) {
  await expect(page.getByTestId("target-badge")).not.toHaveAttribute("data-state", "checking");
}

/** Relative luminance (0 black … 1 white) of the body's background. */
export async function backgroundLuminance(page: Page): Promise<number> {
  const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
