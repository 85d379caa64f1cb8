import { Icon, type IconName } from "@/components/ui/icons";
import { ExerciseRing } from "@/components/exercises/exercise-ring";
import { EXERCISES, exerciseHref } from "@/lib/data/exercises";
import { NavLink } from "./nav-link";
import styles from "./shell.module.css";

const SECTIONS: { href: string; label: string; icon: IconName }[] = [
  { href: "/messaging", label: "Messaging", icon: "messaging" },
  { href: "/resilience", label: "Resilience", icon: "resilience" },
  { href: "/observability", label: "Observability", icon: "observability" },
];

export function SideNav() {
  return (
    <nav className={styles.nav} aria-label="Console">
      <div className={styles.navInner}>
        <ul className={styles.navList}>
          <li>
            <NavLink href="/">
              <Icon name="overview" />
              Overview
            </NavLink>
          </li>
          <li>
            <span className={styles.navGroup} id="nav-exercises">
              <Icon name="exercises" />
              Exercises
            </span>
            <ul className={styles.navSubList} aria-labelledby="nav-exercises">
              {EXERCISES.map((exercise) => (
                <li key={exercise.number}>
                  <NavLink href={exerciseHref(exercise.number)}>
                    <ExerciseRing number={exercise.number} />
                    <span className={styles.navSubLabel}>
                      <span className={styles.navNumber}>{exercise.number}.</span> {exercise.shortTitle}
                    </span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </li>
          {SECTIONS.map((section) => (
            <li key={section.href}>
              <NavLink href={section.href}>
                <Icon name={section.icon} />
                {section.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <ul className={`${styles.navList} ${styles.navBottom}`}>
          <li>
            <NavLink href="/settings">
              <Icon name="settings" />
              Settings
            </NavLink>
          </li>
        </ul>
      </div>
    </nav>
  );
}
