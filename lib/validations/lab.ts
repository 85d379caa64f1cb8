import { z } from "zod";
import { DEFAULT_TTL_HOURS, MESH_VARIANTS } from "../lab/contract.ts";
import { ttlHoursSchema } from "../lab/ttl.ts";

export const deployFormSchema = z.object({ variant: z.enum(MESH_VARIANTS), ttlHours: ttlHoursSchema.default(DEFAULT_TTL_HOURS) });

export const cleanupFormSchema = z.object({
  /** "yes" from the one-click dialog, or the account id typed on AWS. */
  confirmation: z.string().trim().min(1),
  retainFailed: z
    .enum(["on", "true"])
    .optional()
    .transform((v) => v !== undefined),
});
