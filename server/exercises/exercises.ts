// A clinic's own exercises (create, update) and hiding library exercises from the clinic. The
// library itself is read-only here and to the app's database role.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { clinicExercises, clinicHiddenExercises, libraryExercises } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { getExercise, type ExerciseDetail } from "./catalog";
import type { ExerciseFields } from "./schemas";

type Actor = { clinicId: string; userId: string };

const LIBRARY_READ_ONLY = () =>
  new DomainError(
    "LIBRARY_READ_ONLY",
    "Library exercises can't be edited. Create a clinic exercise based on it instead.",
    "FORBIDDEN",
  );

const columns = (input: ExerciseFields) => ({
  name: input.name,
  purpose: input.purpose,
  aliases: input.aliases,
  steps: input.steps,
  cues: input.cues,
  mistakes: input.mistakes,
  precautions: input.precautions,
  regions: [...new Set(input.regions)],
  category: input.category,
  equipment: [...new Set(input.equipment)],
  difficulty: input.difficulty,
  sets: input.dosage.sets,
  reps: input.dosage.reps,
  holdSeconds: input.dosage.holdSeconds,
  side: input.dosage.side,
  timesPerDay: input.dosage.timesPerDay,
  daysPerWeek: input.dosage.daysPerWeek,
  imageUrl: input.imageUrl ?? null,
  videoUrl: input.videoUrl ?? null,
});

async function isLibraryExercise(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: libraryExercises.id }).from(libraryExercises).where(eq(libraryExercises.id, id));
  return !!row;
}

export async function createExercise(tx: Tx, actor: Actor, input: ExerciseFields): Promise<ExerciseDetail> {
  const [row] = await tx
    .insert(clinicExercises)
    .values({ clinicId: actor.clinicId, createdBy: actor.userId, ...columns(input) })
    .returning({ id: clinicExercises.id });
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "exercise.create",
    entity: "exercise",
    entityId: row!.id,
  });
  return getExercise(tx, actor.clinicId, row!.id);
}

export async function updateExercise(
  tx: Tx,
  actor: Actor,
  input: ExerciseFields & { id: string },
): Promise<ExerciseDetail> {
  const [row] = await tx
    .update(clinicExercises)
    .set({ ...columns(input), updatedAt: new Date() })
    .where(and(eq(clinicExercises.clinicId, actor.clinicId), eq(clinicExercises.id, input.id)))
    .returning({ id: clinicExercises.id });
  if (!row) {
    if (await isLibraryExercise(tx, input.id)) throw LIBRARY_READ_ONLY();
    throw notFound("That exercise");
  }
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "exercise.update",
    entity: "exercise",
    entityId: row.id,
  });
  return getExercise(tx, actor.clinicId, row.id);
}

/** Hides a library exercise from the clinic's search (programs that use it keep it), or shows it again. */
export async function setExerciseHidden(
  tx: Tx,
  actor: Actor,
  input: { id: string; hidden: boolean },
): Promise<ExerciseDetail> {
  if (!(await isLibraryExercise(tx, input.id))) {
    const own = await tx
      .select({ id: clinicExercises.id })
      .from(clinicExercises)
      .where(and(eq(clinicExercises.clinicId, actor.clinicId), eq(clinicExercises.id, input.id)));
    if (own.length)
      throw new DomainError(
        "NOT_LIBRARY",
        "Only library exercises can be hidden; your clinic's own exercises are yours to edit.",
      );
    throw notFound("That exercise");
  }
  if (input.hidden) {
    await tx
      .insert(clinicHiddenExercises)
      .values({ clinicId: actor.clinicId, exerciseId: input.id, hiddenBy: actor.userId })
      .onConflictDoNothing();
  } else {
    await tx
      .delete(clinicHiddenExercises)
      .where(and(eq(clinicHiddenExercises.clinicId, actor.clinicId), eq(clinicHiddenExercises.exerciseId, input.id)));
  }
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: input.hidden ? "exercise.hide" : "exercise.show",
    entity: "exercise",
    entityId: input.id,
  });
  return getExercise(tx, actor.clinicId, input.id);
}
