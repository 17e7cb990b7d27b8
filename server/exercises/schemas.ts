// Inputs of the exercise library procedures, and the dosage every prescription obeys (shared by
// exercises, program items and templates). Messages name the limit, for the forms.
import { z } from "zod";
import type { BodyRegion, ExerciseCategory } from "@/db/seed/library-source";
import { EXERCISE_SIDES } from "@/db/schema";
import { INVISIBLE_OR_CONTROL, isSafeText, nameText, safeText } from "@/server/validation";

export const BODY_REGIONS = [
  "thoracic",
  "thoracolumbar",
  "lumbar",
  "hip",
  "groin",
  "knee",
  "shoulder",
  "neck",
  "ankle",
] as const satisfies readonly BodyRegion[];
export const EXERCISE_CATEGORIES = [
  "mobility",
  "core_stability",
  "hip_function",
  "motor_control",
  "ergonomics_load",
] as const satisfies readonly ExerciseCategory[];

const whole = (label: string, min: number, max: number, unit = "") =>
  z
    .number({ error: `Enter ${label}` })
    .int(`Use a whole number of ${label}`)
    .min(min, `Use ${min}–${max}${unit} ${label}`)
    .max(max, `Use ${min}–${max}${unit} ${label}`);

export const dosageSchema = z
  .object({
    sets: whole("sets", 1, 20),
    reps: whole("reps", 1, 300).nullable(),
    holdSeconds: z
      .number({ error: "Enter a hold in seconds" })
      .int("Use whole seconds for the hold")
      .min(0, "Use a hold of 0–600 seconds")
      .max(600, "Use a hold of 0–600 seconds")
      .nullable(),
    side: z.enum(EXERCISE_SIDES, { error: "Choose a side: both, left, right, alternating or none" }),
    timesPerDay: whole("times a day", 1, 5),
    daysPerWeek: whole("days a week", 1, 7),
  })
  // A hold of 0 s is "no hold": fine beside reps, not on its own.
  .refine((d) => d.reps !== null || (d.holdSeconds ?? 0) > 0, {
    message: "Give reps, a hold time, or both",
    path: ["reps"],
  });

export type Dosage = z.infer<typeof dosageSchema>;

const line = (max: number, what: string) =>
  safeText().min(1, `An empty ${what} is not allowed`).max(max, `Keep each ${what} under ${max} characters`);
const lines = (what: string, maxItems: number, maxLength: number) =>
  z.array(line(maxLength, what)).max(maxItems, `Use at most ${maxItems} ${what}s`);

const link = (what: string) =>
  z
    .union([
      z.literal(""),
      z
        .url({ protocol: /^https?$/, error: `Enter the ${what} as a web address starting with https://` })
        .max(2000)
        .refine((v) => isSafeText(v), INVISIBLE_OR_CONTROL),
    ])
    .transform((v) => v || null)
    .nullable()
    .optional();

export const exerciseFieldsSchema = z.object({
  name: nameText().min(1, "Enter a name").max(120, "Use at most 120 characters"),
  purpose: safeText().min(1, "Say in a sentence what it is for").max(300, "Use at most 300 characters"),
  aliases: lines("other name", 10, 80).default([]),
  steps: lines("step", 20, 500).min(1, "Add at least one step"),
  cues: lines("cue", 10, 300).default([]),
  mistakes: lines("mistake", 10, 300).default([]),
  precautions: lines("precaution", 10, 300).default([]),
  regions: z
    .array(z.enum(BODY_REGIONS, { error: "Choose a body region from the list" }))
    .min(1, "Choose at least one body region")
    .max(9),
  category: z.enum(EXERCISE_CATEGORIES, { error: "Choose a category from the list" }),
  equipment: z
    .array(safeText().toLowerCase().min(1).max(40, "Keep each piece of equipment under 40 characters"))
    .max(10, "List at most 10 pieces of equipment")
    .default([]),
  difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)], {
    error: "Difficulty is 1 (easy), 2 (moderate) or 3 (demanding)",
  }),
  dosage: dosageSchema,
  imageUrl: link("picture"),
  videoUrl: link("video"),
});

export const exerciseIdSchema = z.object({ id: z.string().uuid("Unknown exercise") });
export const createExerciseSchema = exerciseFieldsSchema;
export const updateExerciseSchema = exerciseFieldsSchema.extend({ id: z.string().uuid("Unknown exercise") });
export const setHiddenSchema = z.object({ id: z.string().uuid("Unknown exercise"), hidden: z.boolean() });

export const searchExercisesSchema = z.object({
  q: safeText().max(100, "Use at most 100 characters").optional(),
  region: safeText().max(40).optional(),
  category: safeText().max(40).optional(),
  equipment: safeText().max(40).optional(),
  includeHidden: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(30),
});

export type ExerciseFields = z.infer<typeof exerciseFieldsSchema>;
export type SearchExercisesInput = z.infer<typeof searchExercisesSchema>;
