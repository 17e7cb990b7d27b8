// Inputs of the program procedures. A program is phases of exercises, each with its dosage and
// an optional note; saving names the revision it was read at (optimistic concurrency).
import { z } from "zod";
import { dosageSchema } from "@/server/exercises/schemas";

/** "2026-02-30" parses in JavaScript (as March 2) but PostgreSQL refuses it: the day must exist. */
export const isCalendarDate = (v: string) => {
  const time = Date.parse(`${v}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === v;
};

export const dateSchema = (what: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `Give the ${what} as YYYY-MM-DD`)
    .refine(isCalendarDate, `The ${what} is not a real date`);

const optionalText = (max: number, what: string) =>
  z
    .string()
    .trim()
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
  title: z.string().trim().min(1, "Give the phase a title").max(120, "Keep the phase title under 120 characters"),
  notes: optionalText(1000, "phase notes"),
  items: z.array(programItemSchema).max(60, "Use at most 60 exercises in a phase"),
});

export type ProgramPhaseInput = z.infer<typeof programPhaseSchema>;

export const EMPTY_PROGRAM = "Add at least one exercise.";

export const saveProgramSchema = z
  .object({
    id: z.string().uuid("Unknown program").optional(),
    patientId: z.string().uuid("Unknown patient"),
    expectedRevision: z.number().int().min(1).optional(),
    title: z.string().trim().min(1, "Give the program a title").max(120, "Keep the title under 120 characters"),
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
  version: z.number().int().min(1, "Unknown version"),
});
export const assignProgramSchema = z.object({
  id: z.string().uuid("Unknown program"),
  expectedRevision: z.number().int().min(1),
});
export const patientProgramsSchema = z.object({ patientId: z.string().uuid("Unknown patient") });
export const saveAsTemplateSchema = z.object({
  programId: z.string().uuid("Unknown program"),
  name: z.string().trim().min(1, "Give the template a name").max(120, "Keep the name under 120 characters"),
  summary: z.string().trim().max(500, "Keep the summary under 500 characters").optional(),
});
