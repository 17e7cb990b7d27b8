// Home-exercise programs. A program belongs to one patient and has versions: a draft version is
// edited in place until it is assigned; once assigned it is frozen and the next save starts the
// next version, so the patient's history keeps exactly what was given when. `revision` is bumped
// by every save and assignment (optimistic concurrency). The patient's ticks (exercise_logs) and
// daily pain and comments (plan_feedback) come from the signed plan link.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { clinicExercises, dosageChecks, dosageColumns, libraryExercises, type ExerciseSide } from "./exercises";
import { patients } from "./patients";
import { clinics, users } from "./tenancy";

export const programStatusEnum = pgEnum("program_status", ["draft", "assigned", "archived"]);
export type ProgramStatus = (typeof programStatusEnum.enumValues)[number];

export type StoredDosage = {
  sets: number;
  reps: number | null;
  holdSeconds: number | null;
  side: ExerciseSide;
  timesPerDay: number;
  daysPerWeek: number;
};
/**
 * A phase's heading and start; its exercises are program_items rows with this phase_index. The
 * first phase starts with the program; a later one in week `startWeek` of the program or on
 * `startDate` (a clinic-local day), at most one of the two. A program none of whose phases has a
 * start is unphased: every exercise is due together (server/programs/phases.ts).
 */
export type StoredPhase = { title: string; notes: string | null; startWeek?: number | null; startDate?: string | null };
/** A clinic template's phases, exercises named by id (library or clinic); starts are weeks only. */
export type TemplatePhaseData = StoredPhase & {
  items: { exerciseId: string; dosage: StoredDosage; note: string | null; clinicianNote?: string | null }[];
};

export const programs = pgTable(
  "programs",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    title: text("title").notNull(),
    status: programStatusEnum("status").notNull().default("draft"),
    /** The newest version (a draft being edited, or the last one assigned). */
    currentVersion: integer("current_version").notNull().default(1),
    /** The version the patient sees: the last one assigned (null until the first assignment). */
    assignedVersion: integer("assigned_version"),
    /** Bumped by every save and assignment; writers name the revision they read. */
    revision: integer("revision").notNull().default(1),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    // Lets logs and feedback name the program and its patient together (they cannot disagree).
    unique("programs_patient_unique").on(t.clinicId, t.id, t.patientId),
    check(
      "programs_versions_check",
      sql`${t.assignedVersion} IS NULL OR ${t.assignedVersion} BETWEEN 1 AND ${t.currentVersion}`,
    ),
    index("programs_patient_idx").on(t.clinicId, t.patientId),
  ],
);

export const programVersions = pgTable(
  "program_versions",
  {
    clinicId: uuid("clinic_id").notNull(),
    programId: uuid("program_id").notNull(),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    /** The first day of the plan, in the clinic's zone. */
    startDate: date("start_date").notNull(),
    daysPerWeek: smallint("days_per_week").notNull(),
    phases: jsonb("phases").$type<StoredPhase[]>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Set once, when the version is given to the patient; an assigned version never changes again. */
    assignedAt: timestamp("assigned_at", { withTimezone: true }),
    assignedBy: uuid("assigned_by"),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.programId, t.version] }),
    foreignKey({ columns: [t.clinicId, t.programId], foreignColumns: [programs.clinicId, programs.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.assignedBy], foreignColumns: [users.id] }).onDelete("set null"),
    check("program_versions_days_check", sql`${t.daysPerWeek} BETWEEN 1 AND 7`),
    check("program_versions_version_check", sql`${t.version} >= 1`),
    check("program_versions_phase_starts_check", sql`program_phase_starts_valid(${t.phases})`),
  ],
);

export const programItems = pgTable(
  "program_items",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    programId: uuid("program_id").notNull(),
    version: integer("version").notNull(),
    /** Order within the version, across phases. */
    position: smallint("position").notNull(),
    phaseIndex: smallint("phase_index").notNull(),
    /** Exactly one of the two: a library exercise, or one of this clinic's own. */
    libraryExerciseId: uuid("library_exercise_id"),
    clinicExerciseId: uuid("clinic_exercise_id"),
    ...dosageColumns(),
    /** The patient's instruction: shown on the plan page and in the plan email. */
    note: text("note"),
    /** For clinicians only (why, when to remove or progress); never shown to the patient. */
    clinicianNote: text("clinician_note"),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("program_items_position_unique").on(t.clinicId, t.programId, t.version, t.position),
    // Lets a log name the item together with its program and version (they cannot disagree).
    unique("program_items_version_item_unique").on(t.clinicId, t.programId, t.version, t.id),
    foreignKey({
      name: "program_items_version_fk",
      columns: [t.clinicId, t.programId, t.version],
      foreignColumns: [programVersions.clinicId, programVersions.programId, programVersions.version],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.libraryExerciseId], foreignColumns: [libraryExercises.id] }).onDelete("restrict"),
    foreignKey({
      name: "program_items_clinic_exercise_fk",
      columns: [t.clinicId, t.clinicExerciseId],
      foreignColumns: [clinicExercises.clinicId, clinicExercises.id],
    }).onDelete("restrict"),
    check("program_items_exercise_check", sql`num_nonnulls(${t.libraryExerciseId}, ${t.clinicExerciseId}) = 1`),
    check("program_items_note_check", sql`${t.note} IS NULL OR char_length(${t.note}) <= 500`),
    check(
      "program_items_clinician_note_check",
      sql`${t.clinicianNote} IS NULL OR char_length(${t.clinicianNote}) <= 500`,
    ),
    ...dosageChecks("program_items", t),
  ],
);

export const programTemplates = pgTable(
  "program_templates",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    summary: text("summary").notNull().default(""),
    phases: jsonb("phases").$type<TemplatePhaseData[]>().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    uniqueIndex("program_templates_name_unique").on(t.clinicId, sql`lower(${t.name})`),
    check("program_templates_phase_starts_check", sql`program_phase_starts_valid(${t.phases})`),
  ],
);

/**
 * "Move to the next phase now": phase `phaseIndex` of the program starts on `startsOn` (the
 * clinic-local day the clinician moved the patient on) unless its scheduled start comes first.
 * One row per phase; `version` is the one assigned at the time.
 */
export const programPhaseMoves = pgTable(
  "program_phase_moves",
  {
    clinicId: uuid("clinic_id").notNull(),
    programId: uuid("program_id").notNull(),
    phaseIndex: smallint("phase_index").notNull(),
    startsOn: date("starts_on").notNull(),
    version: integer("version").notNull(),
    movedBy: uuid("moved_by"),
    movedAt: timestamp("moved_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.programId, t.phaseIndex] }),
    foreignKey({
      name: "program_phase_moves_version_fk",
      columns: [t.clinicId, t.programId, t.version],
      foreignColumns: [programVersions.clinicId, programVersions.programId, programVersions.version],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.movedBy], foreignColumns: [users.id] }).onDelete("set null"),
    check("program_phase_moves_phase_check", sql`${t.phaseIndex} BETWEEN 1 AND 11`),
  ],
);

export const exerciseLogs = pgTable(
  "exercise_logs",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    programId: uuid("program_id").notNull(),
    version: integer("version").notNull(),
    itemId: uuid("item_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    /** The patient's day, in the clinic's zone. */
    day: date("day").notNull(),
    done: boolean("done").notNull(),
    loggedAt: timestamp("logged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("exercise_logs_item_day_unique").on(t.clinicId, t.itemId, t.day),
    foreignKey({
      name: "exercise_logs_item_fk",
      columns: [t.clinicId, t.programId, t.version, t.itemId],
      foreignColumns: [programItems.clinicId, programItems.programId, programItems.version, programItems.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "exercise_logs_program_patient_fk",
      columns: [t.clinicId, t.programId, t.patientId],
      foreignColumns: [programs.clinicId, programs.id, programs.patientId],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    index("exercise_logs_program_day_idx").on(t.clinicId, t.programId, t.day),
  ],
);

export const planFeedback = pgTable(
  "plan_feedback",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    programId: uuid("program_id").notNull(),
    version: integer("version").notNull(),
    patientId: uuid("patient_id").notNull(),
    day: date("day").notNull(),
    pain: smallint("pain").notNull(),
    comment: text("comment"),
    loggedAt: timestamp("logged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("plan_feedback_program_day_unique").on(t.clinicId, t.programId, t.day),
    foreignKey({
      name: "plan_feedback_version_fk",
      columns: [t.clinicId, t.programId, t.version],
      foreignColumns: [programVersions.clinicId, programVersions.programId, programVersions.version],
    }).onDelete("cascade"),
    foreignKey({
      name: "plan_feedback_program_patient_fk",
      columns: [t.clinicId, t.programId, t.patientId],
      foreignColumns: [programs.clinicId, programs.id, programs.patientId],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    check("plan_feedback_pain_check", sql`${t.pain} BETWEEN 0 AND 10`),
    check("plan_feedback_comment_check", sql`${t.comment} IS NULL OR char_length(${t.comment}) <= 1000`),
  ],
);

export type Program = typeof programs.$inferSelect;
export type ProgramVersion = typeof programVersions.$inferSelect;
export type ProgramItem = typeof programItems.$inferSelect;
export type ProgramTemplateRow = typeof programTemplates.$inferSelect;
