"use client";

import { ProgressRing } from "@/components/ui/progress-ring";
import { useProgress } from "./progress-query";

/** The nav's ring for one exercise, filled to the share of its steps whose check passed. */
export function ExerciseRing({ number }: { number: number }) {
  const { data } = useProgress();
  const value = data?.percent[String(number)] ?? 0;
  return (
    <span data-testid={`nav-ring-${number}`} data-value={value}>
      <ProgressRing value={value} label={`Exercise ${number} progress`} />
    </span>
  );
}
