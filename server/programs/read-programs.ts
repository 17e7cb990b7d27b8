// What staff see of programs: one program as the builder edits it (its newest version), any past
// version exactly as it was given, and a patient's programs with their adherence.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import {
  messages,
  patients,
  programItems,
  programs,
  programVersions,
  users,
  type Program,
  type ProgramVersion,
} from "@/db/schema";
import { notFound } from "@/server/errors";
import { loadExercises, type ExerciseDetail } from "@/server/exercises/catalog";
import type { Dosage } from "@/server/exercises/schemas";
import { planMessageKey } from "@/server/messages/plan-key";
import { patientAdherence, type Adherence } from "./adherence";

export type ProgramItemView = {
  itemId: string;
  exerciseId: string;
  dosage: Dosage;
  /** The patient's instruction. */
  note: string | null;
  /** Staff only: whatever is shown to the patient must leave it out. */
  clinicianNote: string | null;
  exercise: ExerciseDetail;
};
export type ProgramPhaseView = {
  title: string;
  notes: string | null;
  startWeek: number | null;
  startDate: string | null;
  items: ProgramItemView[];
};
export type VersionView = ProgramVersion & {
  phaseViews: ProgramPhaseView[];
  itemCount: number;
  clinicianName: string | null;
};

/** One version with its phases and exercises, in order. Exercises are read through the clinic's catalog. */
export async function loadVersionView(
  tx: Tx,
  clinicId: string,
  programId: string,
  version: number,
): Promise<VersionView | null> {
  const [row] = await tx
    .select({ version: programVersions, clinicianName: users.name })
    .from(programVersions)
    .leftJoin(users, sql`${users.id} = coalesce(${programVersions.assignedBy}, ${programVersions.createdBy})`)
    .where(
      and(
        eq(programVersions.clinicId, clinicId),
        eq(programVersions.programId, programId),
        eq(programVersions.version, version),
      ),
    );
  if (!row) return null;
  const items = await tx
    .select()
    .from(programItems)
    .where(
      and(
        eq(programItems.clinicId, clinicId),
        eq(programItems.programId, programId),
        eq(programItems.version, version),
      ),
    )
    .orderBy(asc(programItems.position));
  const exerciseId = (i: (typeof items)[number]) => (i.libraryExerciseId ?? i.clinicExerciseId)!;
  const exercises = await loadExercises(tx, clinicId, items.map(exerciseId));
  const phaseViews: ProgramPhaseView[] = row.version.phases.map((p) => ({
    title: p.title,
    notes: p.notes,
    startWeek: p.startWeek ?? null,
    startDate: p.startDate ?? null,
    items: [],
  }));
  for (const item of items) {
    const exercise = exercises.get(exerciseId(item));
    const phase = phaseViews[item.phaseIndex];
    if (!exercise || !phase) continue; // unreachable: the foreign keys keep both
    phase.items.push({
      itemId: item.id,
      exerciseId: exercise.id,
      dosage: {
        sets: item.sets,
        reps: item.reps,
        holdSeconds: item.holdSeconds,
        side: item.side,
        timesPerDay: item.timesPerDay,
        daysPerWeek: item.daysPerWeek,
      },
      note: item.note,
      clinicianNote: item.clinicianNote,
      exercise,
    });
  }
  return { ...row.version, phaseViews, itemCount: items.length, clinicianName: row.clinicianName };
}

async function loadProgram(tx: Tx, clinicId: string, id: string): Promise<Program & { patientName: string }> {
  const [row] = await tx
    .select({ program: programs, firstName: patients.firstName, lastName: patients.lastName })
    .from(programs)
    .innerJoin(patients, and(eq(patients.clinicId, programs.clinicId), eq(patients.id, programs.patientId)))
    .where(and(eq(programs.clinicId, clinicId), eq(programs.id, id)));
  if (!row) throw notFound("That program");
  return { ...row.program, patientName: `${row.firstName} ${row.lastName}` };
}

async function versionList(tx: Tx, clinicId: string, id: string) {
  return tx
    .select({
      version: programVersions.version,
      title: programVersions.title,
      assignedAt: programVersions.assignedAt,
      createdAt: programVersions.createdAt,
      // Spelled out: drizzle leaves columns unqualified in a one-table select, which the subquery would read as its own.
      itemCount: sql<number>`(SELECT count(*)::int FROM program_items i WHERE i.clinic_id = program_versions.clinic_id AND i.program_id = program_versions.program_id AND i.version = program_versions.version)`,
    })
    .from(programVersions)
    .where(and(eq(programVersions.clinicId, clinicId), eq(programVersions.programId, id)))
    .orderBy(desc(programVersions.version));
}

/** The plan email of a version: queued, sent, failed, or skipped and why (null: never assigned). */
async function planEmail(tx: Tx, clinicId: string, programId: string, version: number | null) {
  if (version === null) return null;
  const [row] = await tx
    .select({
      version: sql<number>`${version}::int`,
      state: messages.state,
      skipReason: messages.skipReason,
      sentAt: messages.sentAt,
      toEmail: messages.toEmail,
      lastError: messages.lastError,
    })
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.key, planMessageKey(programId, version))));
  return row ?? null;
}

function programView(
  program: Program & { patientName: string },
  v: VersionView,
  versions: Awaited<ReturnType<typeof versionList>>,
  email: Awaited<ReturnType<typeof planEmail>>,
) {
  return {
    id: program.id,
    patientId: program.patientId,
    patientName: program.patientName,
    title: v.title,
    status: program.status,
    version: v.version,
    revision: program.revision,
    startDate: v.startDate,
    daysPerWeek: v.daysPerWeek,
    /** The version the patient has now (null: never assigned). */
    assignedVersion: program.assignedVersion,
    /** When this version was given to the patient (null: a draft). */
    assignedAt: v.assignedAt,
    /** The newest version is a draft the patient has not been given yet. */
    hasDraftChanges: program.assignedVersion !== program.currentVersion,
    clinicianName: v.clinicianName,
    createdAt: program.createdAt,
    updatedAt: program.updatedAt,
    phases: v.phaseViews,
    versions,
    /** The email of the version the patient has (or of this version, for history). */
    planEmail: email,
  };
}

export type ProgramView = ReturnType<typeof programView>;

/** The program as the builder edits it: its newest version (a draft, or the one last assigned). */
export async function getProgram(tx: Tx, clinicId: string, id: string): Promise<ProgramView> {
  const program = await loadProgram(tx, clinicId, id);
  const v = await loadVersionView(tx, clinicId, id, program.currentVersion);
  if (!v) throw notFound("That program");
  return programView(
    program,
    v,
    await versionList(tx, clinicId, id),
    await planEmail(tx, clinicId, id, program.assignedVersion),
  );
}

/** A version exactly as it was saved or given (read-only history). */
export async function getProgramVersion(
  tx: Tx,
  clinicId: string,
  id: string,
  version: number,
): Promise<ProgramView & { readOnly: boolean }> {
  const program = await loadProgram(tx, clinicId, id);
  const v = await loadVersionView(tx, clinicId, id, version);
  if (!v) throw notFound("That version");
  const email = await planEmail(tx, clinicId, id, v.assignedAt ? version : null);
  return {
    ...programView(program, v, await versionList(tx, clinicId, id), email),
    readOnly: v.assignedAt !== null || version !== program.currentVersion,
  };
}

/** A patient's programs, newest first, each with its adherence so far. */
export async function programsForPatient(tx: Tx, clinicId: string, patientId: string, today: string) {
  const rows = await tx
    .select({
      id: programs.id,
      title: programs.title,
      status: programs.status,
      version: programs.currentVersion,
      revision: programs.revision,
      assignedVersion: programs.assignedVersion,
      startDate: programVersions.startDate,
      updatedAt: programs.updatedAt,
      assignedAt:
        sql<Date | null>`(SELECT max(v.assigned_at) FROM program_versions v WHERE v.clinic_id = programs.clinic_id AND v.program_id = programs.id)`.mapWith(
          (v: string | Date | null) => (v === null ? null : new Date(v)),
        ),
      itemCount: sql<number>`(SELECT count(*)::int FROM program_items i WHERE i.clinic_id = programs.clinic_id AND i.program_id = programs.id AND i.version = programs.current_version)`,
    })
    .from(programs)
    .innerJoin(
      programVersions,
      and(
        eq(programVersions.clinicId, programs.clinicId),
        eq(programVersions.programId, programs.id),
        eq(programVersions.version, programs.currentVersion),
      ),
    )
    .where(and(eq(programs.clinicId, clinicId), eq(programs.patientId, patientId)))
    .orderBy(desc(programs.updatedAt));
  const adherence = new Map((await patientAdherence(tx, clinicId, patientId, today)).map((a) => [a.programId, a]));
  const none: Omit<Adherence, "programId" | "title" | "startsOn"> = {
    percentDone: null,
    sessionsDone: 0,
    sessionsExpected: 0,
    lastActivityAt: null,
    loggedDays: [],
    pain: [],
    phase: null,
  };
  return rows.map((r) => ({
    ...r,
    hasDraftChanges: r.assignedVersion !== r.version,
    adherence: adherence.get(r.id) ?? { programId: r.id, title: r.title, startsOn: r.startDate, ...none },
  }));
}
