import { connection } from "next/server";
import { z } from "zod";
import { checkStep } from "@/lib/lab/exercise-runner";
import { stepIdSchema } from "@/lib/lab/progress-store";

const bodySchema = z.object({ step: stepIdSchema });

/** `{"step": "2.1"}` → the check's verdict, recorded in the learner's progress. */
export async function POST(request: Request) {
  await connection();
  const parsed = bodySchema.safeParse(await request.json().catch(() => ({})));
  if (!parsed.success) return Response.json({ error: parsed.error.issues[0].message }, { status: 400 });
  try {
    return Response.json(await checkStep(parsed.data.step), { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    return Response.json({ error: `The progress could not be saved: ${(error as Error).message}` }, { status: 500 });
  }
}
