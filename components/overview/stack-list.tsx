import { type MeshVariant, STACKS, stackOrder } from "@/lib/lab/contract";
import styles from "./overview.module.css";

// App Mesh can no longer be created in AWS (discontinued 2026-09-30).
const VARIANT_LABEL: Record<MeshVariant, string> = {
  appmesh: "App Mesh variant, runs locally only",
  connect: "ECS Service Connect variant",
};

/** The lab's stacks in deploy order; the last one comes in two mesh variants. */
export function StackList() {
  const shared = stackOrder("appmesh").slice(0, -1);
  const variants: [MeshVariant, string][] = [
    ["appmesh", STACKS.servicesAppMesh],
    ["connect", STACKS.servicesConnect],
  ];
  return (
    <ol className={styles.stacks}>
      {shared.map((name, index) => (
        <li key={name} className={styles.stack}>
          <span className={styles.order}>{index + 1}</span>
          <code className={styles.stackName}>{name}</code>
          <span className={styles.status}>Not deployed</span>
        </li>
      ))}
      <li className={styles.stack}>
        <span className={styles.order}>{shared.length + 1}</span>
        <span className={styles.variants}>
          {variants.map(([variant, name]) => (
            <span key={name} className={styles.variant}>
              <code className={styles.stackName}>{name}</code>
              <span className={styles.variantLabel}>{VARIANT_LABEL[variant]}</span>
            </span>
          ))}
        </span>
        <span className={styles.status}>Not deployed</span>
      </li>
    </ol>
  );
}
