import assert from "node:assert/strict";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_SETTINGS } from "../validations/settings.ts";
import { readSettings, settingsPath, writeSettings } from "./settings.ts";

const tempDir = () => mkdtemp(path.join(os.tmpdir(), "lab-settings-"));

describe("settings file", () => {
  it("lives under <data dir>/console/settings.json", () => {
    assert.equal(settingsPath("/data"), "/data/console/settings.json");
  });

  it("defaults to the local emulator when nothing is saved", async () => {
    assert.deepEqual(await readSettings(settingsPath(await tempDir())), DEFAULT_SETTINGS);
  });

  it("round-trips what was written, readable only by the owner", async () => {
    const file = settingsPath(await tempDir());
    await writeSettings({ kind: "aws", region: "eu-central-1", profile: "lab" }, file);
    assert.deepEqual(await readSettings(file), { kind: "aws", region: "eu-central-1", profile: "lab" });
    assert.equal((await stat(file)).mode & 0o777, 0o600);
    assert.ok((await readFile(file, "utf8")).endsWith("\n"));
  });

  it("refuses to write an invalid target", async () => {
    const file = settingsPath(await tempDir());
    await assert.rejects(writeSettings({ kind: "aws", region: "nope" }, file));
  });

  it("falls back to the defaults when the file is corrupt", async () => {
    const file = settingsPath(await tempDir());
    await writeSettings(DEFAULT_SETTINGS, file);
    await writeFile(file, "{ not json");
    assert.deepEqual(await readSettings(file), DEFAULT_SETTINGS);
  });
});
