// Appointment types, closures, clinician time off and appointments. Overlaps are refused by
// exclusion constraints written by hand in db/migrations (see 0005_scheduling_constraints.sql).
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { clinics, memberships, users } from "./tenancy";

export const appointmentStatusEnum = pgEnum("appointment_status", [
  "booked",
  "checked_in",
  "completed",
  "cancelled",
  "no_show",
  /** Held while the patient pays at booking (the exclusion constraints count it); see db/schema/payments.ts. */
  "pending_payment",
]);
export const appointmentSourceEnum = pgEnum("appointment_source", ["front_desk", "online"]);
export type AppointmentStatus = (typeof appointmentStatusEnum.enumValues)[number];

export const PAYMENT_POLICIES = ["none", "card_on_file", "deposit", "prepay"] as const;
export type PaymentPolicy = (typeof PAYMENT_POLICIES)[number];

export const appointmentTypes = pgTable(
  "appointment_types",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    name: text("name").notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    bufferMinutes: integer("buffer_minutes").notNull().default(0),
    /** In the clinic's currency's minor units (pence, cents). */
    priceMinor: integer("price_minor").notNull().default(0),
    /** What a patient does at booking: nothing, save a card, pay a deposit, or pay in full. */
    paymentPolicy: text("payment_policy").$type<PaymentPolicy>().notNull().default("none"),
    depositMinor: integer("deposit_minor"),
    /** A different policy for a patient's first visit at the clinic; null means the same as above. */
    firstVisitPolicy: text("first_visit_policy").$type<PaymentPolicy>(),
    firstVisitDepositMinor: integer("first_visit_deposit_minor"),
    color: text("color").notNull().default("#0f766e"),
    onlineBookable: boolean("online_bookable").notNull().default(true),
    active: boolean("active").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    check("appointment_types_duration_check", sql`${t.durationMinutes} > 0 AND ${t.durationMinutes} <= 480`),
    check("appointment_types_buffer_check", sql`${t.bufferMinutes} >= 0 AND ${t.bufferMinutes} <= 240`),
    check("appointment_types_price_check", sql`${t.priceMinor} >= 0 AND ${t.priceMinor} <= 10000000`),
    // The full policy check (deposit amounts present and capped, prepay needs a price) is in 0030_payments.sql.
    check(
      "appointment_types_payment_policy_check",
      sql`${t.paymentPolicy} IN ('none', 'card_on_file', 'deposit', 'prepay')`,
    ),
  ],
);

export const closures = pgTable(
  "closures",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    check("closures_range_check", sql`${t.endsAt} > ${t.startsAt}`),
    index("closures_range_idx").on(t.clinicId, t.startsAt),
  ],
);

export const timeOff = pgTable(
  "time_off",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    clinicianId: uuid("clinician_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    reason: text("reason"),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId, t.clinicianId],
      foreignColumns: [memberships.clinicId, memberships.userId],
    }).onDelete("cascade"),
    check("time_off_range_check", sql`${t.endsAt} > ${t.startsAt}`),
    index("time_off_range_idx").on(t.clinicId, t.clinicianId, t.startsAt),
  ],
);

export const appointments = pgTable(
  "appointments",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    clinicianId: uuid("clinician_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    typeId: uuid("type_id").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    /** ends_at plus the type's buffer: the clinician is not bookable until then. */
    blockedUntil: timestamp("blocked_until", { withTimezone: true }).notNull(),
    status: appointmentStatusEnum("status").notNull().default("booked"),
    source: appointmentSourceEnum("source").notNull().default("front_desk"),
    notes: text("notes"),
    cancelReason: text("cancel_reason"),
    /** When it was cancelled; set by the database when the row becomes cancelled (0025), never moved after. */
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    /** Set while status is pending_payment: the release job cancels the hold after this instant. */
    holdExpiresAt: timestamp("hold_expires_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    /** Who cancelled (0031): the clinic's cancellation refunds deposits and carries no fee. */
    cancelledBy: text("cancelled_by").$type<"patient" | "clinic">(),
    /** A 24 h or 2 h reminder for it was sent: kept by triggers on messages (0035), never set by the app. */
    reminded: boolean("reminded").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({
      columns: [t.clinicId, t.clinicianId],
      foreignColumns: [memberships.clinicId, memberships.userId],
    }).onDelete("restrict"),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "restrict",
    ),
    foreignKey({
      columns: [t.clinicId, t.typeId],
      foreignColumns: [appointmentTypes.clinicId, appointmentTypes.id],
    }).onDelete("restrict"),
    foreignKey({ columns: [t.createdBy], foreignColumns: [users.id] }).onDelete("set null"),
    check("appointments_range_check", sql`${t.endsAt} > ${t.startsAt} AND ${t.blockedUntil} >= ${t.endsAt}`),
    check("appointments_cancelled_at_check", sql`(${t.status} = 'cancelled') = (${t.cancelledAt} IS NOT NULL)`),
    // INCLUDE (blocked_until, status): free times read each member's busy time from the index alone (0040;
    // drizzle's builder has no INCLUDE)
    index("appointments_clinician_time_idx").on(t.clinicId, t.clinicianId, t.startsAt),
    index("appointments_patient_time_idx").on(t.clinicId, t.patientId, t.startsAt),
    index("appointments_clinic_time_idx").on(t.clinicId, t.startsAt),
    index("appointments_hold_idx")
      .on(t.holdExpiresAt)
      .where(sql`${t.holdExpiresAt} IS NOT NULL`),
    index("appointments_arrived_patient_idx")
      .on(t.clinicId, t.patientId, t.startsAt)
      .where(sql`${t.status} IN ('checked_in', 'completed')`),
  ],
);

/**
 * Per patient, their arrived visits (checked in or completed): how many, the first and the last.
 * Kept by triggers on appointments (0025_dashboard_speed.sql); the app's role only reads it.
 */
export const dashboardPatientVisits = pgTable(
  "dashboard_patient_visits",
  {
    clinicId: uuid("clinic_id").notNull(),
    patientId: uuid("patient_id").notNull(),
    visits: integer("visits").notNull(),
    firstVisitAt: timestamp("first_visit_at", { withTimezone: true }).notNull(),
    firstClinicianId: uuid("first_clinician_id").notNull(),
    firstTypeId: uuid("first_type_id").notNull(),
    lastVisitAt: timestamp("last_visit_at", { withTimezone: true }).notNull(),
    lastClinicianId: uuid("last_clinician_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.patientId] }),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
    check("dashboard_patient_visits_visits_check", sql`${t.visits} > 0`),
    index("dashboard_patient_visits_first_idx").on(t.clinicId, t.firstVisitAt),
    index("dashboard_patient_visits_last_idx").on(t.clinicId, t.lastVisitAt),
  ],
);

export type AppointmentType = typeof appointmentTypes.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
