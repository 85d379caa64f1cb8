import { connection } from "next/server";
import { EXERCISES } from "@/lib/data/exercises";
import { exerciseFraction, readProgress, updateProgress, withReset } from "@/lib/lab/progress-store";

async function view() {
  const progress = await readProgress();
  const percent = Object.fromEntries(EXERCISES.map((e) => [e.number, exerciseFraction(progress, e.number, e.steps.length)]));
  return { progress, percent };
}

/** The saved progress and each exercise's percentage, for the pages and the nav rings. */
export async function GET() {
  await connection();
  return Response.json(await view(), { headers: { "Cache-Control": "no-store" } });
}

/** `?exercise=3` forgets that exercise's progress, so it can be done again. */
export async function DELETE(request: Request) {
  await connection();
  const exercise = new URL(request.url).searchParams.get("exercise") ?? "";
  if (!/^[1-4]$/.test(exercise)) return Response.json({ error: "exercise must be 1 to 4" }, { status: 400 });
  await updateProgress((p) => withReset(p, exercise));
  return Response.json(await view());
}
