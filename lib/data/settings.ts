import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { consoleEnv } from "../validations/env.ts";
import { DEFAULT_SETTINGS, type Settings, settingsSchema } from "../validations/settings.ts";

export function settingsPath(dataDir = consoleEnv().dataDir): string {
  return path.join(dataDir, "console", "settings.json");
}

/** The saved settings; the defaults when nothing valid has been saved yet. */
export async function readSettings(file = settingsPath()): Promise<Settings> {
  let text: string;
  try {
    text = await readFile(/*turbopackIgnore: true*/ file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return DEFAULT_SETTINGS;
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = settingsSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  console.warn(`Ignoring invalid settings in ${file}; using the defaults.`);
  return DEFAULT_SETTINGS;
}

/** Writes through a temporary file so a crash never leaves half a JSON document. */
export async function writeSettings(settings: Settings, file = settingsPath()): Promise<void> {
  const valid = settingsSchema.parse(settings);
  await mkdir(/*turbopackIgnore: true*/ path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(/*turbopackIgnore: true*/ temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  await rename(/*turbopackIgnore: true*/ temporary, file);
}
