import path from "node:path";
import { expect, type Locator, type Page, type TestInfo, test } from "@playwright/test";
import { expectHealthyPage, PAGES, seriousA11yViolations, watchErrors } from "./pages";

// The cost meter in the top bar and the Overview's Cost panel, as a learner sees them: before
// deploying (the seed's table beside ours), and with the lab running on the local emulator
// (what it would cost on AWS, nothing charged, and a reminder to clean up).
test.describe.configure({ mode: "serial" });

const MONEY = String.raw`\$\d[\d,]*\.\d{2}(\d{2})?`;
const METER = new RegExp(`^${MONEY} so far · ${MONEY}/h( on AWS)?$`);

async function shots(target: Page | Locator, page: Page, testInfo: TestInfo, name: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    await target.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", `${name}-${colorScheme}.png`), animations: "disabled" });
    expect(await seriousA11yViolations(page), `${name} in ${colorScheme}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: "light" });
}

test("the top bar shows the cost meter in its format on every page", async ({ page }) => {
  // Other features' errors are shell.spec's business; here, every cost read must succeed.
  const costFailures: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/api/cost") && !r.ok()) costFailures.push(`${r.status()} ${r.url()}`);
  });
  page.on("pageerror", (e) => costFailures.push(e.message));
  for (const { path: url, heading } of PAGES) {
    await page.goto(url);
    await expectHealthyPage(page, heading);
    const meter = page.getByTestId("cost-meter");
    await expect(meter).toHaveText("$0.00 so far · $0.00/h");
    await expect(meter).toHaveText(METER);
    await expect(meter).toHaveAttribute("href", "/#cost");
    await expect(meter).toHaveAttribute("title", /Nothing is deployed/);
  }
  expect(costFailures).toEqual([]);
});

test("/api/cost answers with the report's fields", async ({ request }) => {
  const report = await (await request.get("/api/cost")).json();
  for (const key of ["accrued", "hourly", "perResource", "region", "pricesReadOn", "seedComparison", "pollMs", "billed"]) expect(report).toHaveProperty(key);
  expect(report.state).toBe("not-deployed");
  expect(report.billed).toBe(false);
  expect(report.pricesReadOn).toMatch(/verify/);
  expect(report.seedComparison.seed.statedTotal).toBeCloseTo(0.9, 10);
});

test("the Overview's Cost panel shows the seed's table, $0.90, beside ours", async ({ page }, testInfo) => {
  await page.goto("/");
  const panel = page.getByRole("region", { name: "Cost", exact: true });
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("cost-not-deployed")).toContainText(/Nothing is deployed.*on AWS \(us-east-1\) the same lab costs about \$0\.\d\d\/h/);

  const table = panel.getByTestId("seed-comparison");
  await expect(table.getByTestId("seed-total")).toHaveText("$0.90");
  await expect(table.getByTestId("ours-appmesh-total")).toHaveText(/^\$0\.\d\d$/);
  await expect(table.getByTestId("ours-connect-total")).toHaveText(/^\$0\.\d\d$/);
  const mesh = table.getByRole("row", { name: /App Mesh \/ Service Connect/ });
  await expect(mesh).toContainText("$0.52");
  await expect(mesh).toContainText("$0.043 per proxy per hour × 6 proxies × 2 hours");
  await expect(mesh).toContainText("never published");
  const ipv4 = table.getByRole("row", { name: /Public IPv4 addresses/ });
  await expect(ipv4).toContainText("not listed");
  await expect(ipv4).toContainText("$0.07");
  await expect(panel).toContainText("not read online: verify");

  await expect(table.getByTestId("seed-total")).toBeVisible();

  await page.getByTestId("cost-meter").click();
  await expect(page).toHaveURL(/#cost$/);
  await shots(panel, page, testInfo, "cost-panel-not-deployed");
  await shots(page.locator("header").first(), page, testInfo, "cost-meter-top-bar");
});

test("with the lab running locally, the cost is what it would be on AWS, nothing is charged, and cleanup is one click away", async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  const errors = watchErrors(page);
  await page.goto("/");
  await page.getByRole("radio", { name: /^ECS Service Connect/ }).check();
  await page.getByRole("button", { name: "Deploy the lab" }).click();
  const status = page.getByTestId("lab-status");
  try {
    await expect(status).toHaveText("Running", { timeout: 180_000 });

    const meter = page.getByTestId("cost-meter");
    await expect(meter).toHaveText(/^\$0\.00 so far · \$0\.1\d\/h on AWS$/);
    await expect(meter).toHaveText(METER);
    await expect(meter).toHaveAttribute("title", /Local emulator: nothing is charged\. On AWS \(us-east-1\) this lab would cost/);
    await shots(page.locator("header").first(), page, testInfo, "cost-meter-running-top-bar");
    // The longer local wording still fits the top bar on a small laptop.
    await page.setViewportSize({ width: 1024, height: 768 });
    const box = await meter.boundingBox();
    expect(box && box.x + box.width).toBeLessThanOrEqual(1024);
    await page.setViewportSize({ width: 1440, height: 900 });

    const panel = page.getByRole("region", { name: "Cost", exact: true });
    await expect(panel.getByTestId("cost-hypothetical")).toContainText("What this would cost on AWS");
    await expect(panel.getByTestId("cost-hypothetical")).toContainText("$0.00 actually charged (local emulator)");
    await expect(panel.getByTestId("cost-charged")).toHaveText("$0.00");
    await expect(panel.getByTestId("cost-hourly")).toHaveText(/^\$0\.1\d\/h$/);
    const lines = panel.getByTestId("cost-lines");
    await expect(lines.locator('tr[data-line="fargate-vcpu"]')).toContainText("1.25 vCPU");
    await expect(lines.locator('tr[data-line="fargate-vcpu"]')).toContainText("$0.04048 per vCPU-hour");
    await expect(lines.locator('tr[data-line="public-ipv4"]')).toContainText("7 addresses");
    await expect(lines.locator('tr[data-line="mesh"]')).toContainText("ECS Service Connect");
    await expect(panel.getByTestId("cost-chart")).toContainText(/Cost on AWS since deploy: \$/);
    // The seed's table is folded away while the lab runs, one click from view.
    const seed = panel.getByTestId("seed-disclosure");
    await expect(seed.getByTestId("seed-total")).toBeHidden();
    await seed.getByText("The seed's estimate and ours").click();
    await expect(seed.getByTestId("seed-total")).toHaveText("$0.90");

    // The reminder takes the learner to the Clean up button; it deletes nothing itself.
    const reminder = panel.getByTestId("cleanup-reminder");
    await expect(reminder).toContainText(/On AWS this lab would keep costing \$0\.1\d\/h until cleaned up/);
    await shots(panel, page, testInfo, "cost-panel-running");
    await page.screenshot({ path: path.join(testInfo.project.outputDir, "screenshots", "overview-with-cost-running.png"), fullPage: true, animations: "disabled" });
    await reminder.getByRole("button", { name: "Go to Clean up" }).click();
    await expect(page.getByRole("button", { name: "Clean up", exact: true })).toBeFocused();
    await expect(status).toHaveText("Running");
  } finally {
    // Leave the target as the other specs expect it: nothing deployed.
    await page.getByRole("button", { name: "Clean up", exact: true }).click();
    await page.getByRole("dialog", { name: "Delete the lab?" }).getByRole("button", { name: "Delete the lab" }).click();
    await expect(status).toHaveText("Not deployed", { timeout: 120_000 });
  }
  await expect(page.getByTestId("cost-meter")).toHaveText("$0.00 so far · $0.00/h");
  expect(errors).toEqual([]);
});
