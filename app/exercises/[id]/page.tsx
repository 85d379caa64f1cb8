import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ExercisePager } from "@/components/exercises/exercise-pager";
import { ExerciseSteps } from "@/components/exercises/exercise-steps";
import styles from "@/components/exercises/exercises.module.css";
import { InstrumentPlaceholder } from "@/components/instruments/instrument-placeholder";
import { NotDeployed } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { EXERCISES, findExercise } from "@/lib/data/exercises";

type Props = { params: Promise<{ id: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return EXERCISES.map((exercise) => ({ id: String(exercise.number) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const exercise = findExercise((await params).id);
  return { title: exercise ? `Exercise ${exercise.number}: ${exercise.title}` : "Exercise" };
}

export default async function ExercisePage({ params }: Props) {
  const exercise = findExercise((await params).id);
  if (!exercise) notFound();
  return (
    <>
      <PageHeader eyebrow={`Exercise ${exercise.number} of ${EXERCISES.length}`} title={exercise.title} purpose={exercise.purpose} />
      <div className={styles.layout}>
        <ExerciseSteps exercise={exercise} />
        <aside className={styles.instrument} aria-label="Live instrument">
          <NotDeployed compact what="The instrument for these steps comes alive once the lab runs." />
          <InstrumentPlaceholder {...exercise.instrument} />
        </aside>
      </div>
      <ExercisePager number={exercise.number} />
    </>
  );
}
