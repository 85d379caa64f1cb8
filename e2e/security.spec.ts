// Security checks that need the built console (issue #8 §2 and §4):
// - the client bundle holds no credential and none of the server-only credential code;
// - no page, RSC payload or API response carries the credentials the server uses, on the
//   AWS target's code path (a credential_process profile whose secrets are canaries);
// - server actions refuse another Origin (Next's check, kept on) and answer every bad input
//   with a validation message, never a server error.
// The last two run against a second console with its own emulator and data directory, so
// fuzzing actions and switching targets cannot disturb the console the other specs use.
import { chmodSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { type DryRunConsole, ROOT, startDryRunConsole } from "./dry-run-console";
import { PAGES } from "./pages";

test.describe.configure({ mode: "serial" });

const NEXT_DIR = path.join(ROOT, ".next");
// The second console's URL, once it is up (ports of the console under test + 17).
let CONSOLE = "";

// What a credential_process hands the SDK. None of these may ever reach the browser.
const CANARY = {
  AccessKeyId: "AKIACANARY7Q2LABSEC01",
  SecretAccessKey: "canarySecret/DoNotLeak+7Q2Lab0123456789abcdEF",
  SessionToken: "canarySessionToken-DoNotLeak-7Q2Lab",
};
const CANARY_MARKER = /7Q2Lab|DoNotLeak/i;

/** Anything that looks like a credential, or the SDK's credential machinery, in text bound for a browser. */
const CREDENTIAL_PATTERNS: [string, RegExp][] = [
  ["an access key id", /\b(AKIA|ASIA)[A-Z0-9]{16}\b/],
  ["a credential field", /\b(secretAccessKey|sessionToken|SecretAccessKey|SessionToken)\b/],
  ["a shared-credentials key", /aws_secret_access_key|aws_session_token/i],
  ["credential provider code", /\b(fromIni|fromNodeProviderChain|credential_process|fromContainerMetadata)\b/],
  ["an AWS credential variable", /AWS_(SECRET_ACCESS_KEY|SESSION_TOKEN|ACCESS_KEY_ID)/],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

function credentialFindings(text: string, where: string): string[] {
  const found = CREDENTIAL_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([what]) => `${where}: ${what}`);
  // Every canary carries the marker, so a part of one (a prefix, a slice) is found as well.
  if (CANARY_MARKER.test(text)) found.push(`${where}: a canary credential`);
  return found;
}

test("the built client assets hold no credential and none of the SDK's credential code", () => {
  const files = filesUnder(path.join(NEXT_DIR, "static")).filter((file) => /\.(js|css|json|html|txt|map)$/.test(file));
  // The console has a dozen routes; a handful of files would mean the build is not where we look.
  expect(files.length).toBeGreaterThan(10);
  const findings = files.flatMap((file) => credentialFindings(readFileSync(file, "utf8"), path.relative(ROOT, file)));
  expect(findings).toEqual([]);
});

/** Server action ids from the build, with the page that serves each. */
function serverActions(): { id: string; name: string; page: string }[] {
  const manifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "server", "server-reference-manifest.json"), "utf8"));
  return Object.entries(manifest.node as Record<string, { exportedName?: string; workers: Record<string, unknown> }>).map(
    ([id, entry]) => {
      // A page without a dynamic segment, or the first exercise for actions only the exercises use.
      const worker = Object.keys(entry.workers).find((name) => !name.includes("[")) ?? "app/exercises/1/page";
      const route = worker.replace(/^app/, "").replace(/\/page$/, "") || "/";
      return { id, name: entry.exportedName ?? id, page: route };
    },
  );
}

/**
 * Calls a `useActionState` action the way React does: the arguments are `[previousState, formData]`,
 * the form's fields travel as `_1_<name>` parts and the root `0` refers to them.
 */
async function callAction(action: { id: string; page: string }, fields: Record<string, string>, origin = CONSOLE) {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await fetch(`${CONSOLE}${action.page}`, {
    method: "POST",
    headers: { "Next-Action": action.id, Accept: "text/x-component", Origin: origin },
    body,
  });
  return { status: response.status, text: await response.text() };
}

let second: DryRunConsole;
const serverLog = () => second.log();
const writeSettings = (settings: object) => second.writeSettings(settings);

test.beforeAll(async () => {
  second = await startDryRunConsole(
    "security",
    17,
    (work) => {
      // A profile whose credentials come from a process, as SSO and vault tools do.
      const helper = path.join(work, "credentials.sh");
      writeFileSync(helper, `#!/bin/sh\necho '${JSON.stringify({ Version: 1, ...CANARY })}'\n`);
      chmodSync(helper, 0o755);
      return `[profile canary]\nregion = us-east-1\ncredential_process = ${helper}\n`;
    },
    { kind: "local", region: "us-east-1" },
  );
  CONSOLE = second.url;
});

test.afterAll(async () => {
  await second?.stop();
});

test("server actions refuse a request from another origin and change nothing", async () => {
  const save = serverActions().find((a) => a.name === "saveTarget");
  expect(save, "saveTarget is in the build's server-reference manifest").toBeDefined();
  if (!save) return;
  // The same call from our own origin is accepted, so the refusal below is the Origin check.
  const own = await callAction(save, { kind: "local", region: "eu-west-3" });
  expect(own.status).toBe(200);
  expect(own.text).toContain('"status":"saved"');
  const foreign = await callAction(save, { kind: "local", region: "ap-south-1" }, "https://attacker.example");
  expect(foreign.status).not.toBe(200);
  expect(foreign.text).not.toContain('"status":"saved"');
  // Next's own check refused it (next.config.ts keeps it on: no allowedOrigins).
  expect(serverLog()).toContain("does not match `origin` header with value `attacker.example`");
  const target = await (await fetch(`${CONSOLE}/api/target`)).json();
  expect(target.region).toBe("eu-west-3");
  writeSettings({ kind: "local", region: "us-east-1" });
});

// Every field name the console's forms send, so each action sees its own fields with bad values.
const FIELDS = [
  "kind", "region", "profile", "variant", "confirmation", "retainFailed", "topic", "body", "attributeName",
  "attributeType", "attributeValue", "attributeId", "queue", "dlq", "service", "mode", "latencyMs", "errorRate",
  "durationSeconds", "stopErrorPercent", "rps", "mix", "desiredCount", "taskHandle", "threshold", "period",
  "evaluationPeriods", "comparison", "statistic", "metric", "notify", "name", "filter", "step", "action", "command",
];
const BAD_VALUES = [
  "", " ", "-1", "1e309", "NaN", "0x10", "3.5", "<script>alert(1)</script>", "../../../etc/passwd", "\u0000\u0001",
  "__proto__", '{"$ne":null}', "arn:aws:sns:us-east-1:000000000000:no-such-topic", "x".repeat(2_000),
];

test("every server action answers bad input with a message, never a server error", async () => {
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(15);
  const logStart = serverLog().length;
  const failures: string[] = [];
  let calls = 0;
  for (const action of actions) {
    const cases: Record<string, string>[] = [
      {},
      ...BAD_VALUES.map((value) => Object.fromEntries(FIELDS.map((f) => [f, value]))),
      // Over SNS's 256 KB message limit, under Next's 1 MB action body limit.
      { body: "x".repeat(300_000), topic: "order-events", kind: "local", region: "us-east-1" },
    ];
    for (const fields of cases) {
      const { status, text } = await callAction(action, fields);
      calls++;
      // A thrown action is a 500 with an `E{"digest":…}` row in the RSC stream.
      if (status !== 200 || /^\d+:E\{/m.test(text)) {
        const sample = JSON.stringify(fields).slice(0, 80);
        failures.push(`${action.name} ${sample}: HTTP ${status} ${text.slice(0, 160)}`);
      }
    }
  }
  console.log(`server-action fuzz: ${actions.length} actions, ${calls} calls, ${failures.length} failures`);
  const log = serverLog().slice(logStart);
  if (failures.length) console.log(log.split("\n").filter((line) => !line.startsWith("emulator")).slice(-60).join("\n"));
  expect(failures).toEqual([]);
  expect(log).not.toMatch(/⨯|Unhandled|TypeError|ReferenceError/);
});

async function visitCollecting(page: Page, bodies: { where: string; text: string }[]) {
  page.on("response", async (response) => {
    const type = response.headers()["content-type"] ?? "";
    if (!/html|json|x-component|text\/plain|javascript/.test(type)) return;
    const text = await response.text().catch(() => "");
    bodies.push({ where: `${response.request().method()} ${new URL(response.url()).pathname}`, text });
  });
  for (const { path: route } of PAGES) {
    await page.goto(`${CONSOLE}${route}`);
    await page.waitForLoadState("networkidle");
    // Long enough for every live query to poll at least once.
    await page.waitForTimeout(1_500);
  }
}

test("no response carries the server's credentials on the AWS target's code path", async ({ page }) => {
  writeSettings({ kind: "aws", profile: "canary", region: "us-east-1" });
  // The badge resolved the canary profile and reached STS (the emulator), so the server really holds the canaries.
  const target = await (await fetch(`${CONSOLE}/api/target`)).json();
  expect(target).toMatchObject({ kind: "aws", profile: "canary", reachable: true, accountId: "000000000000", endpoint: `http://127.0.0.1:${second.emulatorPort}` });

  const bodies: { where: string; text: string }[] = [];
  await visitCollecting(page, bodies);
  // The API routes as well, called directly with no parameters.
  const apiRoutes = filesUnder(path.join(ROOT, "app", "api"))
    .filter((file) => file.endsWith(`${path.sep}route.ts`))
    .map((file) => `/${path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep).join("/")}`)
    .filter((route) => !route.includes("["));
  for (const route of apiRoutes) {
    const response = await fetch(`${CONSOLE}${route}`);
    bodies.push({ where: `GET ${route}`, text: await response.text() });
  }
  expect(bodies.length).toBeGreaterThan(PAGES.length + apiRoutes.length);
  const findings = bodies.flatMap(({ where, text }) => credentialFindings(text, where));
  expect(findings).toEqual([]);
  writeSettings({ kind: "local", region: "us-east-1" });
});
