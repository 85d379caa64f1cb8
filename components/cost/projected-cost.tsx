"use client";

import { DEFAULT_REGION, type MeshVariant } from "@/lib/lab/contract";
import { projectedHourlyText } from "@/lib/cost/model";
import styles from "./cost.module.css";
import { useCost } from "./cost-query";

/**
 * The warning to show before deploying: "Deploying costs about $0.14/h on AWS (us-east-1)
 * until you clean up." On the local emulator it says the same lab would cost that on AWS.
 * The region and whether the target is billed come from the cost report.
 */
export function ProjectedCost({ variant }: { variant: MeshVariant }) {
  const { data } = useCost();
  const billed = data?.billed ?? false;
  return (
    <p className={styles.projected} data-testid="projected-cost" data-billed={String(billed)}>
      {projectedHourlyText(variant, data?.region ?? DEFAULT_REGION, billed)}
    </p>
  );
}
