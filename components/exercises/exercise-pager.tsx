import Link from "next/link";
import { Icon } from "@/components/ui/icons";
import { EXERCISES, exerciseHref } from "@/lib/data/exercises";
import styles from "./exercises.module.css";

export function ExercisePager({ number }: { number: number }) {
  const previous = EXERCISES.find((e) => e.number === number - 1);
  const next = EXERCISES.find((e) => e.number === number + 1);
  return (
    <nav className={styles.pager} aria-label="Exercises">
      {previous ? (
        <Link href={exerciseHref(previous.number)} className={styles.pagerLink}>
          <Icon name="arrowLeft" size={16} />
          <span>
            <span className={styles.pagerHint}>Previous</span>
            {previous.number}. {previous.title}
          </span>
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={exerciseHref(next.number)} className={`${styles.pagerLink} ${styles.pagerNext}`}>
          <span>
            <span className={styles.pagerHint}>Next</span>
            {next.number}. {next.title}
          </span>
          <Icon name="arrowRight" size={16} />
        </Link>
      )}
    </nav>
  );
}
