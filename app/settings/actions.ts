"use server";

import { refresh } from "next/cache";
import { writeSettings } from "@/lib/data/settings";
import { parseSettingsForm } from "@/lib/validations/settings";

export type SettingsField = "kind" | "region" | "profile";
type Values = Record<SettingsField, string>;

export type SettingsFormState =
  | { status: "idle" }
  | { status: "saved"; savedAt: number; values: Values }
  | { status: "invalid"; errors: Partial<Record<SettingsField, string>>; values: Values }
  | { status: "failed"; message: string; values: Values };

export async function saveTarget(_previous: SettingsFormState, form: FormData): Promise<SettingsFormState> {
  const values: Values = {
    kind: String(form.get("kind") ?? ""),
    region: String(form.get("region") ?? ""),
    profile: String(form.get("profile") ?? ""),
  };
  const parsed = parseSettingsForm(form);
  if (!parsed.success) {
    const errors: Partial<Record<SettingsField, string>> = {};
    for (const issue of parsed.error.issues) {
      const field = (issue.path[0] ?? "kind") as SettingsField;
      errors[field] ??= field === "kind" ? "Choose Local emulator or AWS account." : issue.message;
    }
    return { status: "invalid", errors, values };
  }
  try {
    await writeSettings(parsed.data);
  } catch (error) {
    return { status: "failed", message: `The settings could not be saved: ${(error as Error).message}`, values };
  }
  refresh();
  return { status: "saved", savedAt: Date.now(), values };
}
