// Program templates: the protocols shipped with the library (db/seed/exercise-library, read by
// slug, id "library:<slug>") and each clinic's own, saved from a program. Both come out as phases
// of exercise ids with dosage, ready to drop into the builder, each item with its exercise.
import { asc, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { programTemplates, type TemplatePhaseData } from "@/db/schema";
import { libraryExerciseId } from "@/db/seed/library";
import { LIBRARY_EXERCISES, PROGRAM_TEMPLATES } from "@/db/seed/library-source";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { loadExercises, type ExerciseSummary } from "@/server/exercises/catalog";
import type { Dosage } from "@/server/exercises/schemas";
import { getProgram } from "./read-programs";
import type { Actor } from "./save-program";

export type TemplateItem = {
  exerciseId: string;
  dosage: Dosage;
  note: string | null;
  clinicianNote: string | null;
  exercise: ExerciseSummary;
};
export type ProgramTemplateView = {
  id: string;
  name: string;
  summary: string;
  source: "library" | "clinic";
  phases: { title: string; notes: string | null; startWeek: number | null; startDate: null; items: TemplateItem[] }[];
};

/** The shipped protocols as phases of library exercise ids, each item's dosage the exercise's default with the template's changes. */
export function shippedTemplates(): {
  id: string;
  name: string;
  summary: string;
  source: "library";
  phases: TemplatePhaseData[];
}[] {
  const bySlug = new Map(LIBRARY_EXERCISES.map((e) => [e.slug, e]));
  return PROGRAM_TEMPLATES.map((t) => ({
    id: `library:${t.slug}`,
    name: t.name,
    summary: t.summary,
    source: "library" as const,
    phases: t.phases.map((p, index) => ({
      // The phase's own title ("Restore thoracolumbar mobility") and why; when comes from its start week.
      title: p.title,
      notes: p.goal || null,
      startWeek: index === 0 ? null : p.startWeek,
      startDate: null,
      items: p.items.flatMap((item) => {
        const exercise = bySlug.get(item.slug);
        return exercise
          ? [
              {
                exerciseId: libraryExerciseId(item.slug),
                dosage: { ...exercise.dosage, ...item.dosage },
                note: item.note ?? null,
                clinicianNote: item.clinicianNote ?? null,
              },
            ]
          : [];
      }),
    })),
  }));
}

/** Attaches each item's exercise; items whose exercise the clinic can no longer see are left out. */
async function withExercises(
  tx: Tx,
  clinicId: string,
  templates: { id: string; name: string; summary: string; source: "library" | "clinic"; phases: TemplatePhaseData[] }[],
) {
  const exercises = await loadExercises(
    tx,
    clinicId,
    templates.flatMap((t) => t.phases.flatMap((p) => p.items.map((i) => i.exerciseId))),
  );
  return templates.map((t) => ({
    ...t,
    phases: t.phases.map((p) => ({
      title: p.title,
      notes: p.notes,
      startWeek: p.startWeek ?? null,
      startDate: null,
      items: p.items.flatMap((i) => {
        const exercise = exercises.get(i.exerciseId);
        return exercise ? [{ ...i, clinicianNote: i.clinicianNote ?? null, exercise }] : [];
      }),
    })),
  }));
}

export async function listTemplates(tx: Tx, clinicId: string): Promise<ProgramTemplateView[]> {
  const own = await tx
    .select()
    .from(programTemplates)
    .where(eq(programTemplates.clinicId, clinicId))
    .orderBy(asc(programTemplates.name));
  return withExercises(tx, clinicId, [
    ...shippedTemplates(),
    ...own.map((t) => ({ id: t.id, name: t.name, summary: t.summary, source: "clinic" as const, phases: t.phases })),
  ]);
}

const DAY_MS = 86_400_000;
/** The week of a program starting on `start` that `day` falls in (week 1 holds the start date), at least 2. */
const weekOf = (start: string, day: string) =>
  Math.min(104, Math.max(2, Math.floor((Date.parse(day) - Date.parse(start)) / DAY_MS / 7) + 1));

/** Saves the program's newest version as a clinic template. */
export async function saveProgramAsTemplate(
  tx: Tx,
  actor: Actor,
  input: { programId: string; name: string; summary?: string },
): Promise<ProgramTemplateView> {
  const program = await getProgram(tx, actor.clinicId, input.programId);
  // A template carries starts as weeks of the program (a phase given a date starts in that date's
  // week, and after the phase before it, so the template stays valid to use).
  let lastWeek = 1;
  const phases: TemplatePhaseData[] = program.phases.map((p) => ({
    title: p.title,
    notes: p.notes,
    startWeek: p.startWeek
      ? (lastWeek = p.startWeek)
      : p.startDate
        ? (lastWeek = Math.max(lastWeek + 1, weekOf(program.startDate, p.startDate)))
        : null,
    items: p.items.map((i) => ({
      exerciseId: i.exerciseId,
      dosage: i.dosage,
      note: i.note,
      clinicianNote: i.clinicianNote,
    })),
  }));
  const count = phases.reduce((n, p) => n + p.items.length, 0);
  const summary =
    input.summary ||
    `${count} ${count === 1 ? "exercise" : "exercises"} in ${phases.length} ${phases.length === 1 ? "phase" : "phases"}, from “${program.title}”.`;
  const [row] = await tx
    .insert(programTemplates)
    .values({ clinicId: actor.clinicId, name: input.name, summary, phases, createdBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new DomainError(
      "TEMPLATE_NAME_TAKEN",
      "Your clinic already has a template with that name. Choose another name.",
      "CONFLICT",
    );
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "program_template.create",
    entity: "program_template",
    entityId: row.id,
    details: { programId: input.programId },
  });
  const [view] = await withExercises(tx, actor.clinicId, [
    { id: row.id, name: row.name, summary: row.summary, source: "clinic", phases: row.phases },
  ]);
  return view!;
}
