import { z } from "zod";
import { DEFAULT_REGION } from "../lab/contract.ts";

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;
export const PROFILE_PATTERN = /^[A-Za-z0-9_.+-]{1,64}$/;

const region = z
  .string()
  .trim()
  .regex(REGION_PATTERN, "Enter an AWS region code such as us-east-1 or eu-west-2.");

const profile = z
  .string()
  .trim()
  .regex(PROFILE_PATTERN, "Use 1–64 letters, digits, or the characters _ . + -");

/** The console's saved target: which account and region every SDK client talks to. */
export const settingsSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("local"), region }),
  z.object({ kind: z.literal("aws"), region, profile: profile.optional() }),
]);

export type Settings = z.infer<typeof settingsSchema>;
export type TargetKind = Settings["kind"];

export const DEFAULT_SETTINGS: Settings = { kind: "local", region: DEFAULT_REGION };

/** Reads the settings form; an empty profile means "use the default credential chain". */
export function parseSettingsForm(form: FormData) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" && value.trim() !== "" ? value : undefined;
  };
  const profile = text("profile");
  return settingsSchema.safeParse({
    kind: text("kind"),
    region: text("region") ?? "",
    ...(profile ? { profile } : {}),
  });
}
