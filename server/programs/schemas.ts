// Inputs of the program procedures. A program is phases of exercises, each with its dosage and
// an optional note; saving names the revision it was read at (optimistic concurrency).
import { z } from "zod";
import { dosageSchema } from "@/server/exercises/schemas";
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
  note: optionalText(500, "note"),
});

export const programPhaseSchema = z.object({
  title: safeText().min(1, "Give the phase a title").max(120, "Keep the phase title under 120 characters"),
  notes: optionalText(1000, "phase notes"),
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
  .refine((p) => !p.id || p.expectedRevision !== undefined, {
    message: "Say which revision you are changing (expectedRevision)",
    path: ["expectedRevision"],
  });

export type SaveProgramInput = z.infer<typeof saveProgramSchema>;

export const programIdSchema = z.object({ id: z.string().uuid("Unknown program") });
export const programVersionSchema = z.object({
  id: z.string().uuid("Unknown program"),
  version: int4({ min: 1, message: "Unknown version" }),
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
