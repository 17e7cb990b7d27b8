import { sql } from "drizzle-orm";
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { clinics, users } from "./tenancy";

export const patients = pgTable(
  "patients",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    email: text("email"),
    phone: text("phone"),
    dateOfBirth: date("date_of_birth"),
    notes: text("notes"),
    /** Set when the patient unsubscribed from non-essential mail (reminders); transactional mail still goes. */
    /** "How did you hear about us?": one of the clinic's referral sources (or an older one since removed). */
    referralSource: text("referral_source"),
    emailOptOutAt: timestamp("email_opt_out_at", { withTimezone: true }),
    /**
     * Set when a public booking created this record (never attached to an existing chart): the front desk
     * keeps it (clears this) or merges it into the matching chart (server/patients/merge.ts).
     */
    selfBookedAt: timestamp("self_booked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    /** Lower-cased name, email and phone, for the trigram search index. */
    searchText: text("search_text")
      .notNull()
      .generatedAlwaysAs(
        sql`lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))`,
      ),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    index("patients_name_idx").on(t.clinicId, sql`lower(${t.lastName})`, sql`lower(${t.firstName})`),
    index("patients_email_idx").on(t.clinicId, sql`lower(${t.email})`),
    index("patients_search_trgm_idx").using("gin", t.searchText.op("gin_trgm_ops")),
    index("patients_self_booked_idx")
      .on(t.clinicId)
      .where(sql`self_booked_at IS NOT NULL`),
  ],
);

/** A self-booked duplicate merged into a chart: its row is gone; its manage links resolve through this. */
export const patientMerges = pgTable(
  "patient_merges",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    fromPatientId: uuid("from_patient_id").notNull(),
    intoPatientId: uuid("into_patient_id").notNull(),
    mergedBy: uuid("merged_by"),
    mergedAt: timestamp("merged_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("patient_merges_from_unique").on(t.clinicId, t.fromPatientId),
    foreignKey({
      name: "patient_merges_into_fk",
      columns: [t.clinicId, t.intoPatientId],
      foreignColumns: [patients.clinicId, patients.id],
    }).onDelete("cascade"),
    foreignKey({ name: "patient_merges_merged_by_fk", columns: [t.mergedBy], foreignColumns: [users.id] }).onDelete(
      "set null",
    ),
  ],
);

export type Patient = typeof patients.$inferSelect;
