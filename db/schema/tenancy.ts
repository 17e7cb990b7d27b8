// Clinics (the tenants), users, memberships and the audit log.
import { sql } from "drizzle-orm";
import type { ClinicLocale } from "@/server/scheduling/format";
import {
  bigserial,
  boolean,
  check,
  char,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("member_role", ["owner", "clinician", "front_desk"]);
export type Role = (typeof roleEnum.enumValues)[number];

export type DayKey = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";
export type Interval = { start: string; end: string };
export type WeeklyHours = Record<DayKey, Interval[]>;

export const DEFAULT_OPENING_HOURS: WeeklyHours = {
  mon: [{ start: "07:00", end: "19:00" }],
  tue: [{ start: "07:00", end: "19:00" }],
  wed: [{ start: "07:00", end: "19:00" }],
  thu: [{ start: "07:00", end: "19:00" }],
  fri: [{ start: "07:00", end: "19:00" }],
  sat: [],
  sun: [],
};

export const DEFAULT_REFERRAL_SOURCES = [
  "Doctor referral",
  "Friend or family",
  "Search engine",
  "Insurance directory",
  "Social media",
  "Other",
];

export const clinics = pgTable("clinics", {
  id: uuid("id").primaryKey().defaultRandom(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("America/Los_Angeles"),
  /** How dates and times are written for this clinic, e.g. "en-GB" (24-hour); see server/scheduling/format.ts. */
  locale: text("locale").$type<ClinicLocale>().notNull().default("en-US"),
  /** ISO 4217 code; every amount is an integer in its minor units (app/_lib/money.ts formats them). */
  currency: char("currency", { length: 3 }).notNull().default("USD"),
  email: text("email"),
  phone: text("phone"),
  address: text("address"),
  openingHours: jsonb("opening_hours").$type<WeeklyHours>().notNull().default(DEFAULT_OPENING_HOURS),
  /** Booking rules: how soon, how far ahead, and on which grid patients may book. */
  minNoticeMinutes: integer("min_notice_minutes").notNull().default(120),
  maxAdvanceDays: integer("max_advance_days").notNull().default(60),
  slotGranularityMinutes: integer("slot_granularity_minutes").notNull().default(15),
  /** Email reminders before each appointment (server/messages/): each can be switched off. */
  reminder24hEnabled: boolean("reminder_24h_enabled").notNull().default(true),
  reminder2hEnabled: boolean("reminder_2h_enabled").notNull().default(true),
  /** Outcomes: a patient who has not reached an instrument's MCID after this many weeks is flagged. */
  outcomeReviewWeeks: integer("outcome_review_weeks").notNull().default(6),
  /** Owner dashboard: the "How did you hear about us?" choices, the late-cancel window, the no-show goal. */
  referralSources: text("referral_sources").array().notNull().default(DEFAULT_REFERRAL_SOURCES),
  lateCancelHours: integer("late_cancel_hours").notNull().default(24),
  noShowGoalPercent: numeric("no_show_goal_percent", { precision: 4, scale: 1, mode: "number" }),
  /** Fees in minor units of the clinic's currency (0031; null: none), charged automatically only when set. */
  noShowFeeMinor: integer("no_show_fee_minor"),
  lateCancelFeeMinor: integer("late_cancel_fee_minor"),
  autoChargeFees: boolean("auto_charge_fees").notNull().default(false),
  /** Staff sessions end after this many minutes without activity (15–240); the strictest of a user's clinics applies. */
  idleTimeoutMinutes: integer("idle_timeout_minutes").notNull().default(30),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    /**
     * On the calendar and the booking page (owners and clinicians only: a check). Left out of an
     * insert, a trigger sets it from the role: clinicians yes, others no (0029_takes_appointments.sql).
     */
    takesAppointments: boolean("takes_appointments")
      .notNull()
      .default(sql`NULL`),
    /** Weekly working hours of a member who takes appointments; null means the clinic's opening hours. */
    workingHours: jsonb("working_hours").$type<WeeklyHours>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.userId] }),
    index("memberships_user_idx").on(t.userId),
    index("memberships_bookable_idx")
      .on(t.clinicId)
      .where(sql`${t.takesAppointments}`),
    check(
      "memberships_takes_appointments_role_check",
      sql`NOT ${t.takesAppointments} OR ${t.role} IN ('owner', 'clinician')`,
    ),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    clinicId: uuid("clinic_id")
      .notNull()
      .references(() => clinics.id, { onDelete: "cascade" }),
    id: bigserial("id", { mode: "number" }).notNull(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    /** The patients a read showed (0019_audit_reads.sql); the table is append-only for the app's role. */
    patientIds: uuid("patient_ids").array(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    index("audit_log_entity_idx").on(t.clinicId, t.entity, t.entityId),
    index("audit_log_patient_ids_idx").using("gin", t.patientIds),
    index("audit_log_at_idx").on(t.clinicId, t.at.desc(), t.id.desc()),
    index("audit_log_actor_idx").on(t.clinicId, t.actorUserId, t.at.desc()),
    foreignKey({ columns: [t.actorUserId], foreignColumns: [users.id] }).onDelete("set null"),
  ],
);

export type Clinic = typeof clinics.$inferSelect;
export type User = typeof users.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
