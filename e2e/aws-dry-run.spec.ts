// The AWS target's whole browser path, run against a second console whose AWS profile is pointed
// at its own emulator (LAB_AWS_ENDPOINT_OVERRIDE): Service Connect is the only variant, the
// projected cost is a warning before deploy, the lab gets a TTL, and cleanup asks for the
// account id to be typed. Nothing leaves the machine.
import { expect, test } from "@playwright/test";
import { type DryRunConsole, startDryRunConsole } from "./dry-run-console";
import { watchErrors } from "./pages";

test.describe.configure({ mode: "serial" });

let second: DryRunConsole;

test.beforeAll(async () => {
  second = await startDryRunConsole(
    "aws-dry-run",
    23,
    // Static keys are enough: the emulator accepts any signature.
    () => "[profile lab]\nregion = us-east-1\naws_access_key_id = AKIDDRYRUN\naws_secret_access_key = dry-run-secret\n",
    { kind: "aws", profile: "lab", region: "us-east-1" },
  );
});

test.afterAll(async () => {
  await second?.stop();
});

test("deploy and clean up on the AWS target: Service Connect only, cost warning, TTL, typed account id", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto(`${second.url}/`);
  await expect(page.getByTestId("target-badge")).toContainText("AWS · 000000000000 · us-east-1");
  await expect(page.getByTestId("target-badge")).toHaveAttribute("data-tone", "warning");

  // App Mesh is explained and cannot be chosen; Service Connect is the default.
  const appMesh = page.getByRole("radio", { name: /^App Mesh/ });
  await expect(appMesh).toBeDisabled();
  await expect(page.getByText("Not available here: AWS App Mesh was discontinued on 2026-09-30.")).toBeVisible();
  await expect(page.getByRole("radio", { name: /ECS Service Connect/ })).toBeChecked();
  const projected = page.getByTestId("projected-cost");
  await expect(projected).toHaveText(/Deploying costs about \$0\.\d\d\/h on AWS \(us-east-1\) until you clean up\./);
  await expect(projected).toHaveAttribute("data-billed", "true");
  await expect(page.getByLabel("Remove the lab after")).toHaveValue("4");

  await page.getByRole("button", { name: "Deploy the lab" }).click();
  await expect(page.getByTestId("lab-status")).toHaveText("Running", { timeout: 240_000 });
  const running = page.getByText(/Running · ECS Service Connect · deployed .* · removes itself in (3 h 59 min|4 h 0 min)/);
  await expect(running).toBeVisible();

  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Delete the lab?" });
  await expect(dialog).toContainText("On AWS · 000000000000 · us-east-1, this deletes:");
  await expect(dialog).toContainText("cross-service-lab-services-connect");
  const remove = dialog.getByRole("button", { name: "Delete the lab" });
  const accountId = dialog.getByLabel(/Type the account id/);
  await expect(remove).toBeDisabled();
  await accountId.fill("123456789012");
  await expect(remove).toBeDisabled();
  await accountId.fill("000000000000");
  await expect(remove).toBeEnabled();
  await remove.click();
  await expect(page.getByTestId("nothing-remains")).toContainText("Nothing remains", { timeout: 180_000 });
  await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
  expect(errors).toEqual([]);
});
