import { z } from "zod";
import { MESH_VARIANTS } from "../lab/contract.ts";

export const deployFormSchema = z.object({ variant: z.enum(MESH_VARIANTS) });

export const cleanupFormSchema = z.object({
  /** "yes" from the one-click dialog, or the account id typed on AWS. */
  confirmation: z.string().trim().min(1),
  retainFailed: z
    .enum(["on", "true"])
    .optional()
    .transform((v) => v !== undefined),
});
