import { sql } from "drizzle-orm";
import { date, foreignKey, index, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./tenancy";

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
  ],
);

export type Patient = typeof patients.$inferSelect;
