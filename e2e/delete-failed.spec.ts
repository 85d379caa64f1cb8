import { CloudFormationClient, CreateStackCommand, DeleteStackCommand, DescribeStacksCommand } from "@aws-sdk/client-cloudformation";
import { expect, test } from "@playwright/test";
import { exportName, STACKS } from "../lib/lab/contract";
import { deployLab, EMULATOR } from "./lab-cli";
import { seriousA11yViolations, watchErrors } from "./pages";

// Recovery from DELETE_FAILED, for real on the emulator: a stack outside the lab imports one of
// the messaging stack's exports, as a learner's own consumer would. CloudFormation then refuses
// to delete the messaging stack (DELETE_FAILED, "Export … cannot be deleted as it is in use by …").
// The Overview says so in full; once the consumer is gone, Retry finishes the cleanup.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html

const LISTENER_PORT = process.env.E2E_LISTENER_PORT ?? "8768";
const CONSUMER = "order-archive";
const EXPORT = exportName(STACKS.messaging, "OrderEventsTopicArn");
const cfn = new CloudFormationClient({ endpoint: EMULATOR, region: "us-east-1", credentials: { accessKeyId: "test", secretAccessKey: "test" } });

async function stackStatus(name: string): Promise<string | undefined> {
  try {
    return (await cfn.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
  } catch {
    return undefined;
  }
}

test.beforeAll(async ({ request }) => {
  test.setTimeout(300_000);
  expect((await request.post(`${EMULATOR}/_lab/reset`)).ok()).toBe(true);
  await deployLab(LISTENER_PORT);
  const template = {
    Resources: {
      ArchiveQueue: {
        Type: "AWS::SQS::Queue",
        Properties: { QueueName: CONSUMER, Tags: [{ Key: "source-topic", Value: { "Fn::ImportValue": EXPORT } }] },
      },
    },
  };
  await cfn.send(new CreateStackCommand({ StackName: CONSUMER, TemplateBody: JSON.stringify(template) }));
  await expect.poll(() => stackStatus(CONSUMER), { timeout: 30_000 }).toBe("CREATE_COMPLETE");
});

test.afterAll(async () => {
  if (await stackStatus(CONSUMER)) await cfn.send(new DeleteStackCommand({ StackName: CONSUMER }));
});

test("a stack that cannot be deleted: the Overview says why, and Retry finishes once the cause is gone", async ({ page }) => {
  test.setTimeout(300_000);
  const errors = watchErrors(page);
  await page.goto("/");
  await expect(page.getByTestId("lab-status")).toHaveText("Running", { timeout: 30_000 });
  await page.getByRole("button", { name: "Clean up", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete the lab?" }).getByRole("button", { name: "Delete the lab" }).click();

  // Why, in CloudFormation's own words, and where it stopped.
  const failure = page.getByTestId("job-failure");
  await expect(failure).toBeVisible({ timeout: 180_000 });
  await expect(failure).toContainText(`Cleanup failed at ${STACKS.messaging}`);
  await expect(failure).toContainText(`Export ${EXPORT} cannot be deleted as it is in use by ${CONSUMER}`);
  await expect(failure).toContainText("DELETE_FAILED");
  await expect(page.getByTestId(`stack-${STACKS.messaging}`)).toContainText("DELETE_FAILED");
  // What came after it in the deletion order is gone; what came before it is still there.
  await expect(page.getByTestId(`stack-${STACKS.resilience}`)).toContainText("Not deployed");
  await expect(page.getByTestId(`stack-${STACKS.network}`)).toContainText("CREATE_COMPLETE");
  await expect(page.getByTestId("lab-status")).not.toHaveText("Running");
  expect(await seriousA11yViolations(page)).toEqual([]);

  // The learner removes their consumer (outside the lab), then retries from the report.
  await cfn.send(new DeleteStackCommand({ StackName: CONSUMER }));
  await expect.poll(() => stackStatus(CONSUMER), { timeout: 30_000 }).toBeUndefined();
  await page.getByTestId("job-failure").getByRole("button", { name: "Clean up", exact: true }).click();
  await page.getByRole("dialog", { name: "Delete the lab?" }).getByRole("button", { name: "Delete the lab" }).click();
  await expect(page.getByTestId("nothing-remains")).toContainText("Nothing remains", { timeout: 180_000 });
  await expect(page.getByTestId("job-success")).toContainText("Cleaned up");
  await expect(page.getByTestId("lab-status")).toHaveText("Not deployed");
  expect(errors).toEqual([]);
});
