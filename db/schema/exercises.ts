// The exercise library: global exercises shipped with the app (library_exercises: no clinic, read
// only to the app's role, seeded by slug at every migrate from db/seed/exercise-library) and each
// clinic's own (clinic_exercises: tenant data). A clinic hides global ones in clinic_hidden_exercises.
// Search: a weighted tsvector (name and aliases A, purpose B, cues, regions and equipment C, steps D) and lower-cased
// name + aliases for trigram word similarity; app_text_join is an IMMUTABLE array_to_string
// (0009_exercise_search_functions.sql), which generated columns need.
import { sql } from "drizzle-orm";
import {
  check,
  customType,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { clinics, users } from "./tenancy";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const EXERCISE_SIDES = ["both", "left", "right", "alternating", "none"] as const;
export type ExerciseSide = (typeof EXERCISE_SIDES)[number];

/** The dosage columns, shared by exercises (their default) and program items (what was prescribed). */
export const dosageColumns = () => ({
  sets: smallint("sets").notNull(),
  reps: smallint("reps"),
  holdSeconds: smallint("hold_seconds"),
  side: text("side").$type<ExerciseSide>().notNull(),
  timesPerDay: smallint("times_per_day").notNull(),
  daysPerWeek: smallint("days_per_week").notNull(),
});

type DosageCols = {
  sets: unknown;
  reps: unknown;
  holdSeconds: unknown;
  side: unknown;
  timesPerDay: unknown;
  daysPerWeek: unknown;
};

/** The bounds every dosage obeys (the zod schemas give the readable messages; these guarantee them). */
export const dosageChecks = (name: string, t: DosageCols) => [
  check(`${name}_sets_check`, sql`${t.sets} BETWEEN 1 AND 20`),
  check(`${name}_reps_check`, sql`${t.reps} IS NULL OR ${t.reps} BETWEEN 1 AND 300`),
  check(`${name}_hold_check`, sql`${t.holdSeconds} IS NULL OR ${t.holdSeconds} BETWEEN 0 AND 600`),
  check(`${name}_work_check`, sql`${t.reps} IS NOT NULL OR ${t.holdSeconds} IS NOT NULL`),
  check(`${name}_side_check`, sql`${t.side} IN ('both', 'left', 'right', 'alternating', 'none')`),
  check(`${name}_times_check`, sql`${t.timesPerDay} BETWEEN 1 AND 5`),
  check(`${name}_days_check`, sql`${t.daysPerWeek} BETWEEN 1 AND 7`),
];

const emptyArray = sql`'{}'::text[]`;

const contentColumns = () => ({
  name: text("name").notNull(),
  aliases: text("aliases").array().notNull().default(emptyArray),
  purpose: text("purpose").notNull(),
  steps: text("steps").array().notNull().default(emptyArray),
  cues: text("cues").array().notNull().default(emptyArray),
  mistakes: text("mistakes").array().notNull().default(emptyArray),
  regions: text("regions").array().notNull().default(emptyArray),
  category: text("category").notNull(),
  equipment: text("equipment").array().notNull().default(emptyArray),
  difficulty: smallint("difficulty").notNull(),
  precautions: text("precautions").array().notNull().default(emptyArray),
  ...dosageColumns(),
  search: tsvector("search")
    .notNull()
    .generatedAlwaysAs(
      sql`setweight(to_tsvector('english'::regconfig, name || ' ' || app_text_join(aliases)), 'A') || setweight(to_tsvector('english'::regconfig, purpose), 'B') || setweight(to_tsvector('english'::regconfig, app_text_join(cues) || ' ' || app_text_join(regions) || ' ' || app_text_join(equipment)), 'C') || setweight(to_tsvector('english'::regconfig, app_text_join(steps)), 'D')`,
    ),
  nameTerms: text("name_terms")
    .notNull()
    .generatedAlwaysAs(sql`lower(name || ' ' || app_text_join(aliases))`),
});

export const libraryExercises = pgTable(
  "library_exercises",
  {
    /** Derived from the slug (db/seed/library.ts), so every environment has the same ids. */
    id: uuid("id").primaryKey(),
    slug: text("slug").notNull().unique(),
    ...contentColumns(),
    /** Key of ILLUSTRATIONS: served at /exercise-art/<illustration>.svg. */
    illustration: text("illustration").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ...dosageChecks("library_exercises", t),
    check("library_exercises_difficulty_check", sql`${t.difficulty} BETWEEN 1 AND 3`),
    index("library_exercises_search_idx").using("gin", t.search),
    index("library_exercises_name_trgm_idx").using("gin", t.nameTerms.op("gin_trgm_ops")),
  ],
);

export const clinicExercises = pgTable(
  "clinic_exercises",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    ...contentColumns(),
    imageUrl: text("image_url"),
    videoUrl: text("video_url"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    ...dosageChecks("clinic_exercises", t),
    check("clinic_exercises_difficulty_check", sql`${t.difficulty} BETWEEN 1 AND 3`),
    index("clinic_exercises_search_idx").using("gin", t.search),
    index("clinic_exercises_name_trgm_idx").using("gin", t.nameTerms.op("gin_trgm_ops")),
  ],
);

export const clinicHiddenExercises = pgTable(
  "clinic_hidden_exercises",
  {
    clinicId: uuid("clinic_id").notNull(),
    exerciseId: uuid("exercise_id").notNull(),
    hiddenBy: uuid("hidden_by"),
    hiddenAt: timestamp("hidden_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.exerciseId] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.exerciseId], foreignColumns: [libraryExercises.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.hiddenBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export type LibraryExerciseRow = typeof libraryExercises.$inferSelect;
export type ClinicExercise = typeof clinicExercises.$inferSelect;
