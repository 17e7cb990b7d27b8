// Outcome tracking. An episode of care is one course of treatment of one patient; the clinician
// attaches instruments to it with a schedule (at intake, every N weeks or visits, at discharge).
// Each due questionnaire is an outcome_requests row (one per episode, instrument and occasion, so
// nothing is requested twice) and, when answered, one outcome_responses row holding the
// instrument version, the raw answers and the computed score — never only the score. The
// instruments themselves are data in code (server/outcomes/instruments/); a clinic can switch
// each one off (clinic_instrument_settings).
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import type { Answers } from "@/server/outcomes/types";
import { patients } from "./patients";
import { clinics, users } from "./tenancy";

export const episodeStatusEnum = pgEnum("episode_status", ["active", "discharged"]);
export const outcomeRequestStatusEnum = pgEnum("outcome_request_status", ["pending", "submitted", "cancelled"]);
export const outcomeSourceEnum = pgEnum("outcome_source", ["patient", "staff"]);
export type EpisodeStatus = (typeof episodeStatusEnum.enumValues)[number];
export type OutcomeRequestStatus = (typeof outcomeRequestStatusEnum.enumValues)[number];

/** A clinic's switch per instrument (no row: the instrument's default). */
export const clinicInstrumentSettings = pgTable(
  "clinic_instrument_settings",
  {
    clinicId: uuid("clinic_id").notNull(),
    instrumentKey: text("instrument_key").notNull(),
    enabled: boolean("enabled").notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.instrumentKey] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    foreignKey({ columns: [t.updatedBy], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export const episodes = pgTable(
  "episodes",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    patientId: uuid("patient_id").notNull(),
    /** The treating clinician (for "needs attention" and the owner's outcomes by clinician). */
    clinicianId: uuid("clinician_id"),
    title: text("title").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    status: episodeStatusEnum("status").notNull().default("active"),
    dischargedAt: timestamp("discharged_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
    foreignKey({ columns: [t.clinicianId], foreignColumns: [users.id] }).onDelete("set null"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    unique("episodes_patient_unique").on(t.clinicId, t.id, t.patientId),
    check("episodes_discharge_check", sql`(${t.status} = 'discharged') = (${t.dischargedAt} IS NOT NULL)`),
    check("episodes_title_check", sql`length(btrim(${t.title})) BETWEEN 1 AND 120`),
    index("episodes_patient_idx").on(t.clinicId, t.patientId),
    index("episodes_active_idx").on(t.clinicId, t.status),
    index("episodes_discharged_idx")
      .on(t.clinicId, t.dischargedAt)
      .where(sql`${t.status} = 'discharged'`),
  ],
);

export const outcomeSchedules = pgTable(
  "outcome_schedules",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    episodeId: uuid("episode_id").notNull(),
    instrumentKey: text("instrument_key").notNull(),
    atIntake: boolean("at_intake").notNull().default(false),
    everyWeeks: smallint("every_weeks"),
    everyVisits: smallint("every_visits"),
    atDischarge: boolean("at_discharge").notNull().default(false),
    /** False once the clinician takes the instrument off the episode (its answers stay). */
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId, t.episodeId], foreignColumns: [episodes.clinicId, episodes.id] }).onDelete(
      "cascade",
    ),
    unique("outcome_schedules_instrument_unique").on(t.clinicId, t.episodeId, t.instrumentKey),
    check("outcome_schedules_weeks_check", sql`${t.everyWeeks} IS NULL OR ${t.everyWeeks} BETWEEN 1 AND 52`),
    check("outcome_schedules_visits_check", sql`${t.everyVisits} IS NULL OR ${t.everyVisits} BETWEEN 1 AND 50`),
    check(
      "outcome_schedules_some_time_check",
      sql`${t.atIntake} OR ${t.atDischarge} OR ${t.everyWeeks} IS NOT NULL OR ${t.everyVisits} IS NOT NULL`,
    ),
  ],
);

export const outcomeRequests = pgTable(
  "outcome_requests",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    episodeId: uuid("episode_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    /** "intake", "week:4", "visit:6", "discharge", "manual:<ISO time>": one request per occasion. */
    occasion: text("occasion").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    /** After this the patient's link shows what was sent (or that it closed); staff can still enter answers. */
    closesAt: timestamp("closes_at", { withTimezone: true }).notNull(),
    status: outcomeRequestStatusEnum("status").notNull().default("pending"),
    /** Answers saved so far by "Save and continue" (validated item by item, not scored). */
    draft: jsonb("draft").$type<Answers>(),
    draftSavedAt: timestamp("draft_saved_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      name: "outcome_requests_episode_fk",
      columns: [t.clinicId, t.episodeId, t.patientId],
      foreignColumns: [episodes.clinicId, episodes.id, episodes.patientId],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    unique("outcome_requests_occasion_unique").on(t.clinicId, t.episodeId, t.instrumentKey, t.occasion),
    unique("outcome_requests_episode_unique").on(t.clinicId, t.id, t.episodeId, t.patientId),
    check("outcome_requests_window_check", sql`${t.closesAt} > ${t.dueAt}`),
    index("outcome_requests_patient_idx").on(t.clinicId, t.patientId, t.dueAt),
  ],
);

export const outcomeResponses = pgTable(
  "outcome_responses",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    requestId: uuid("request_id").notNull(),
    episodeId: uuid("episode_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    instrumentKey: text("instrument_key").notNull(),
    instrumentVersion: text("instrument_version").notNull(),
    /** Exactly what was answered, item by item (and PSFS activity names). */
    answers: jsonb("answers").$type<Answers>().notNull(),
    /**
     * The engine's score, unrounded (4 decimals: 12/45 ODI sections are 26.6667, not 27); rounded
     * only for display. Null when the missing-item rule allows none (then unscoredReason says why).
     */
    score: numeric("score", { precision: 8, scale: 4, mode: "number" }),
    unscoredReason: text("unscored_reason"),
    answeredItems: smallint("answered_items").notNull(),
    /** How many items the instrument has; answeredItems < totalItems means some were left out. */
    totalItems: smallint("total_items").notNull(),
    /** The score was adjusted for unanswered items (ODI out of the sections answered, LEFS prorated). */
    prorated: boolean("prorated").notNull().default(false),
    source: outcomeSourceEnum("source").notNull(),
    /** The staff member who entered it in clinic (null: the patient, through the link). */
    enteredBy: uuid("entered_by"),
    completedAt: timestamp("completed_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      name: "outcome_responses_request_fk",
      columns: [t.clinicId, t.requestId, t.episodeId, t.patientId],
      foreignColumns: [
        outcomeRequests.clinicId,
        outcomeRequests.id,
        outcomeRequests.episodeId,
        outcomeRequests.patientId,
      ],
    })
      .onDelete("cascade")
      .onUpdate("cascade"),
    foreignKey({ columns: [t.enteredBy], foreignColumns: [users.id] }).onDelete("set null"),
    unique("outcome_responses_request_unique").on(t.clinicId, t.requestId),
    check("outcome_responses_scored_check", sql`(${t.score} IS NULL) <> (${t.unscoredReason} IS NULL)`),
    check(
      "outcome_responses_items_check",
      sql`${t.answeredItems} BETWEEN 0 AND ${t.totalItems} AND (NOT ${t.prorated} OR ${t.answeredItems} < ${t.totalItems})`,
    ),
    index("outcome_responses_episode_idx").on(t.clinicId, t.episodeId, t.instrumentKey, t.completedAt),
  ],
);

export type Episode = typeof episodes.$inferSelect;
export type OutcomeSchedule = typeof outcomeSchedules.$inferSelect;
export type OutcomeRequest = typeof outcomeRequests.$inferSelect;
export type OutcomeResponse = typeof outcomeResponses.$inferSelect;
