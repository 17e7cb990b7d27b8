// Inputs of the program procedures. A program is phases of exercises, each with its dosage, an
// optional instruction for the patient and an optional note for clinicians (never shown to the
// patient); a phase after the first may start in a week of the program or on a date (all of them
// or none: see server/programs/phases.ts). Saving names the revision it was read at.
import { z } from "zod";
import { dosageSchema } from "@/server/exercises/schemas";
import { addDays } from "@/server/scheduling/zoned-time";
import { calendarDate, int4, isCalendarDate, multilineText, safeText } from "@/server/validation";

export { isCalendarDate };

export const dateSchema = calendarDate;

const optionalText = (max: number, what: string) =>
  multilineText()
    .max(max, `Keep the ${what} under ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);

export const programItemSchema = z.object({
  exerciseId: z.string().uuid("Unknown exercise"),
  dosage: dosageSchema,
  /** What the patient reads beside the exercise. */
  note: optionalText(500, "instruction for the patient"),
  /** For clinicians only: never on the plan page or in the plan email. */
  clinicianNote: optionalText(500, "note for clinicians"),
});

export const MAX_START_WEEK = 104;

export const programPhaseSchema = z.object({
  title: safeText().min(1, "Give the phase a title").max(120, "Keep the phase title under 120 characters"),
  notes: optionalText(1000, "phase notes"),
  /** Week of the program the phase starts in (week 1 starts on the start date). */
  startWeek: z
    .number({ error: `Give the start week as a number from 2 to ${MAX_START_WEEK}` })
    .int(`Give the start week as a whole number from 2 to ${MAX_START_WEEK}`)
    .min(2, `Give the start week as a number from 2 to ${MAX_START_WEEK}`)
    .max(MAX_START_WEEK, `Give the start week as a number from 2 to ${MAX_START_WEEK}`)
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  /** Or the day it starts, in the clinic's zone. */
  startDate: dateSchema("phase start date")
    .nullable()
    .optional()
    .transform((v) => v ?? null),
  items: z.array(programItemSchema).max(60, "Use at most 60 exercises in a phase"),
});

export type ProgramPhaseInput = z.infer<typeof programPhaseSchema>;

export const EMPTY_PROGRAM = "Add at least one exercise.";

export const saveProgramSchema = z
  .object({
    id: z.string().uuid("Unknown program").optional(),
    patientId: z.string().uuid("Unknown patient"),
    expectedRevision: int4({ min: 1, message: "Unknown revision" }).optional(),
    title: safeText().min(1, "Give the program a title").max(120, "Keep the title under 120 characters"),
    startDate: dateSchema("start date"),
    daysPerWeek: z
      .number()
      .int("Use a whole number of days a week")
      .min(1, "Use 1–7 days a week")
      .max(7, "Use 1–7 days a week"),
    phases: z.array(programPhaseSchema).min(1, EMPTY_PROGRAM).max(12, "Use at most 12 phases"),
  })
  .refine((p) => p.phases.length === 0 || p.phases.some((phase) => phase.items.length > 0), { message: EMPTY_PROGRAM })
  .refine((p) => p.phases.reduce((n, phase) => n + phase.items.length, 0) <= 150, {
    message: "Use at most 150 exercises in a program",
  })
  .superRefine((p, ctx) => checkPhaseStarts(p, ctx))
  .refine((p) => !p.id || p.expectedRevision !== undefined, {
    message: "Say which revision you are changing (expectedRevision)",
    path: ["expectedRevision"],
  });

export type SaveProgramInput = z.infer<typeof saveProgramSchema>;

/** Phase starts: none on the first phase, at most one kind each, all later phases or none, in order after the start. */
function checkPhaseStarts(
  p: { startDate: string; phases: { startWeek: number | null; startDate: string | null }[] },
  ctx: z.RefinementCtx,
) {
  const starts = p.phases.map(
    (phase) => phase.startDate ?? (phase.startWeek !== null ? addDays(p.startDate, (phase.startWeek - 1) * 7) : null),
  );
  const issue = (index: number, message: string) =>
    ctx.addIssue({ code: "custom", message, path: ["phases", index, "startWeek"] });
  p.phases.forEach((phase, i) => {
    if (phase.startWeek !== null && phase.startDate !== null)
      issue(i, "Give the phase a start week or a start date, not both");
  });
  if (starts[0] !== null && starts[0] !== undefined) issue(0, "The first phase starts with the program");
  const later = starts.slice(1);
  if (later.some((s) => s !== null) && later.some((s) => s === null))
    later.forEach((s, i) => s === null && issue(i + 1, "Give every later phase a start, or none of them"));
  let previous = p.startDate;
  later.forEach((s, i) => {
    if (s === null) return;
    if (s <= previous) issue(i + 1, "Start each phase after the one before it");
    previous = s;
  });
}

export const programIdSchema = z.object({ id: z.string().uuid("Unknown program") });
export const programVersionSchema = z.object({
  id: z.string().uuid("Unknown program"),
  version: int4({ min: 1, message: "Unknown version" }),
});
/** Moving the patient on: the program and the revision the clinician read. */
export const advancePhaseSchema = z.object({
  id: z.string().uuid("Unknown program"),
  expectedRevision: int4({ min: 1, message: "Unknown revision" }),
});
export const assignProgramSchema = z.object({
  id: z.string().uuid("Unknown program"),
  expectedRevision: int4({ min: 1, message: "Unknown revision" }),
});
export const patientProgramsSchema = z.object({ patientId: z.string().uuid("Unknown patient") });
export const saveAsTemplateSchema = z.object({
  programId: z.string().uuid("Unknown program"),
  name: safeText().min(1, "Give the template a name").max(120, "Keep the name under 120 characters"),
  summary: multilineText().max(500, "Keep the summary under 500 characters").optional(),
});
