// Saving a program, all in the caller's transaction: the patient and every exercise are checked
// first (another clinic's answer NOT_FOUND, nothing written); then one conditional UPDATE claims the
// revision the clinician read (a different one: STALE, nothing written); a draft version is
// rewritten in place, an assigned one is left alone and the next version is written instead.
import { and, eq, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { programItems, programs, programVersions, type ProgramStatus } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { loadExercises } from "@/server/exercises/catalog";
import { getPatient } from "@/server/patients/patients";
import { EMPTY_PROGRAM, type ProgramPhaseInput, type SaveProgramInput } from "./schemas";

export type Actor = { clinicId: string; userId: string };

export const STALE_MESSAGE = "This program changed since you opened it. Reload to see the latest version.";
export const stale = () => new DomainError("STALE", STALE_MESSAGE, "CONFLICT");

export type SavedProgram = { id: string; revision: number; version: number; status: ProgramStatus };

/** Why a conditional write on a program matched nothing: not there, archived, someone else's patient, or stale. */
export async function refuseProgramChange(tx: Tx, clinicId: string, id: string, patientId?: string): Promise<never> {
  const [p] = await tx
    .select({ status: programs.status, patientId: programs.patientId })
    .from(programs)
    .where(and(eq(programs.clinicId, clinicId), eq(programs.id, id)));
  if (!p) throw notFound("That program");
  if (patientId && p.patientId !== patientId)
    throw new DomainError("WRONG_PATIENT", "This program belongs to another patient.");
  if (p.status === "archived")
    throw new DomainError("ARCHIVED", "This program is archived and can't be changed.", "CONFLICT");
  throw stale();
}

/** Checks the patient and every exercise are this clinic's (or the library's) before anything is written. */
async function checkReferences(tx: Tx, clinicId: string, input: SaveProgramInput) {
  const exerciseIds = input.phases.flatMap((p) => p.items.map((i) => i.exerciseId));
  if (exerciseIds.length === 0) throw new DomainError("EMPTY_PROGRAM", EMPTY_PROGRAM);
  await getPatient(tx, clinicId, input.patientId);
  const found = await loadExercises(tx, clinicId, exerciseIds);
  const missing = exerciseIds.find((id) => !found.has(id));
  if (missing) throw new DomainError("NOT_FOUND", "That exercise was not found.", "NOT_FOUND", { exerciseId: missing });
  return found;
}

async function writeItems(
  tx: Tx,
  clinicId: string,
  programId: string,
  version: number,
  phases: ProgramPhaseInput[],
  sources: Map<string, { source: string }>,
) {
  let position = 0;
  const rows = phases.flatMap((phase, phaseIndex) =>
    phase.items.map((item) => {
      const library = sources.get(item.exerciseId)?.source === "library";
      return {
        clinicId,
        programId,
        version,
        position: position++,
        phaseIndex,
        libraryExerciseId: library ? item.exerciseId : null,
        clinicExerciseId: library ? null : item.exerciseId,
        ...item.dosage,
        note: item.note,
        clinicianNote: item.clinicianNote,
      };
    }),
  );
  await tx.insert(programItems).values(rows);
}

const storedPhases = (phases: ProgramPhaseInput[]) =>
  phases.map((p) => ({ title: p.title, notes: p.notes, startWeek: p.startWeek, startDate: p.startDate }));

export async function saveProgram(
  tx: Tx,
  actor: Actor,
  input: SaveProgramInput,
  now = new Date(),
): Promise<SavedProgram> {
  const exercises = await checkReferences(tx, actor.clinicId, input);
  const versionValues = {
    title: input.title,
    startDate: input.startDate,
    daysPerWeek: input.daysPerWeek,
    phases: storedPhases(input.phases),
    updatedAt: now,
  };

  if (!input.id) {
    const [created] = await tx
      .insert(programs)
      .values({
        clinicId: actor.clinicId,
        patientId: input.patientId,
        title: input.title,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: programs.id, revision: programs.revision, status: programs.status });
    const program = created!;
    await tx.insert(programVersions).values({
      clinicId: actor.clinicId,
      programId: program.id,
      version: 1,
      createdBy: actor.userId,
      createdAt: now,
      ...versionValues,
    });
    await writeItems(tx, actor.clinicId, program.id, 1, input.phases, exercises);
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: "program.create",
      entity: "program",
      entityId: program.id,
      details: { patientId: input.patientId },
    });
    return { id: program.id, revision: program.revision, version: 1, status: program.status };
  }

  // The one guard that matters: the revision the clinician read is still the latest. An assigned
  // current version is frozen, so the save moves on to the next one.
  const [updated] = await tx
    .update(programs)
    .set({
      title: input.title,
      revision: sql`${programs.revision} + 1`,
      currentVersion: sql`CASE WHEN ${programs.assignedVersion} = ${programs.currentVersion} THEN ${programs.currentVersion} + 1 ELSE ${programs.currentVersion} END`,
      updatedAt: now,
    })
    .where(
      and(
        eq(programs.clinicId, actor.clinicId),
        eq(programs.id, input.id),
        eq(programs.revision, input.expectedRevision!),
        eq(programs.patientId, input.patientId),
        ne(programs.status, "archived"),
      ),
    )
    .returning({
      id: programs.id,
      revision: programs.revision,
      version: programs.currentVersion,
      status: programs.status,
    });
  if (!updated) return refuseProgramChange(tx, actor.clinicId, input.id, input.patientId);

  // A new version is inserted; a draft one (never assigned) is rewritten in place.
  const [version] = await tx
    .insert(programVersions)
    .values({
      clinicId: actor.clinicId,
      programId: updated.id,
      version: updated.version,
      createdBy: actor.userId,
      createdAt: now,
      ...versionValues,
    })
    .onConflictDoUpdate({
      target: [programVersions.clinicId, programVersions.programId, programVersions.version],
      set: versionValues,
      setWhere: sql`${programVersions.assignedAt} IS NULL`,
    })
    .returning({ version: programVersions.version });
  if (!version)
    throw new Error(`Version ${updated.version} of program ${updated.id} is assigned but was current after a save`);
  await tx
    .delete(programItems)
    .where(
      and(
        eq(programItems.clinicId, actor.clinicId),
        eq(programItems.programId, updated.id),
        eq(programItems.version, updated.version),
      ),
    );
  await writeItems(tx, actor.clinicId, updated.id, updated.version, input.phases, exercises);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "program.update",
    entity: "program",
    entityId: updated.id,
    details: { version: updated.version },
  });
  return updated;
}
