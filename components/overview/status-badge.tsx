import { Icon, type IconName } from "@/components/ui/icons";
import { type StatusTone, statusTone } from "@/lib/data/stack-timeline";
import styles from "./overview.module.css";

const ICONS: Record<StatusTone, IconName> = {
  ok: "check",
  progress: "clock",
  failed: "cross",
  rollback: "undo",
  deleted: "minus",
};

/** A CloudFormation status as AWS spells it, with an icon and a colour that say the same thing. */
export function StatusBadge({ status, direction = "deploy", empty = "Not deployed" }: { status?: string; direction?: "deploy" | "delete"; empty?: string }) {
  const tone = status ? statusTone(status, direction) : "deleted";
  return (
    <span className={styles.statusBadge} data-tone={tone}>
      <Icon name={ICONS[tone]} size={14} />
      {status ?? empty}
    </span>
  );
}
