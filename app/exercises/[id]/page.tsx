import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ExercisePager } from "@/components/exercises/exercise-pager";
import { ExerciseWorkbench } from "@/components/exercises/exercise-workbench";
import { MeshComparison } from "@/components/exercises/mesh-comparison";
import { NotDeployed } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { currentTarget } from "@/lib/aws/clients";
import { capabilities } from "@/lib/aws/target";
import { EXERCISES, findExercise } from "@/lib/data/exercises";
import { labStatus } from "@/lib/lab/status";

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
  await connection();
  const target = await currentTarget();
  const caps = capabilities(target);
  const status = await labStatus({ target });
  const deployed = status.state === "running";
  return (
    <>
      <PageHeader eyebrow={`Exercise ${exercise.number} of ${EXERCISES.length}`} title={exercise.title} purpose={exercise.purpose} />
      {!deployed && (
        <div style={{ marginBottom: "var(--space-4)" }}>
          <NotDeployed what={status.state === "unknown" ? `The target does not answer: ${status.reason}` : `The lab is ${status.label.toLowerCase()}. Each step's action and check work on the running lab.`} />
        </div>
      )}
      <ExerciseWorkbench
        exercise={exercise}
        deployed={deployed}
        variant={status.variant}
        observability={{ label: caps.label, region: target.region, pollMs: caps.pollMs, inspectionApi: caps.inspectionApi, deployed: status.state !== "not-deployed" }}
        messaging={{ label: caps.label, region: target.region, inspectionApi: caps.inspectionApi, safePeek: caps.safePeek, pollMs: caps.pollMs, confirmation: caps.confirmation }}
      />
      {exercise.number === 1 && <MeshComparison variant={status.variant} />}
      <ExercisePager number={exercise.number} />
    </>
  );
}
