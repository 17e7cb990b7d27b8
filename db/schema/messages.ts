// The patient-message outbox: one row per email the clinic means to send (confirmation, reminders,
// reschedule and cancellation notices; later plan emails and questionnaire requests). Each row has
// a deterministic key, unique per clinic, so queueing the same thing twice queues it once; the
// worker (server/jobs/) moves it pending → sending → sent / failed / skipped.
import { sql } from "drizzle-orm";
import {
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { patients } from "./patients";
import { appointments } from "./scheduling";
import { clinics } from "./tenancy";

export const messageKindEnum = pgEnum("message_kind", [
  "confirmation",
  "reminder_24h",
  "reminder_2h",
  "reschedule",
  "cancellation",
  "plan",
  "questionnaire",
  "billing_trial_ending",
  "billing_payment_failed",
  "payment_receipt",
  "payment_link",
]);
export const messageStateEnum = pgEnum("message_state", ["pending", "sending", "sent", "failed", "skipped"]);
export type MessageKind = (typeof messageKindEnum.enumValues)[number];
export type MessageState = (typeof messageStateEnum.enumValues)[number];

export const messages = pgTable(
  "messages",
  {
    clinicId: uuid("clinic_id").notNull(),
    id: uuid("id").notNull().defaultRandom(),
    appointmentId: uuid("appointment_id"),
    patientId: uuid("patient_id"),
    kind: messageKindEnum("kind").notNull(),
    /** Deterministic, e.g. `appt:<id>:reminder_24h:<starts_at ISO>`: the same message is never queued twice. */
    key: text("key").notNull(),
    /** The appointment start this message speaks of; a message whose appointment no longer starts then is skipped. */
    startsAt: timestamp("starts_at", { withTimezone: true }),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    state: messageStateEnum("state").notNull().default("pending"),
    /** Why a skipped message was not sent: moved, cancelled, no_email, opted_out, disabled, too_late, … */
    skipReason: text("skip_reason"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    providerMessageId: text("provider_message_id"),
    outboxId: uuid("outbox_id"),
    toEmail: text("to_email"),
    /** Extra facts for the template, e.g. the previous start time of a rescheduled appointment. */
    details: jsonb("details").$type<Record<string, string>>(),
    /** When the dispatcher last handed it to a send job (the clock of server/jobs/clock.ts). */
    enqueuedAt: timestamp("enqueued_at", { withTimezone: true }),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.clinicId, t.id] }),
    unique("messages_clinic_key_unique").on(t.clinicId, t.key),
    foreignKey({ columns: [t.clinicId], foreignColumns: [clinics.id] }).onDelete("cascade"),
    foreignKey({
      columns: [t.clinicId, t.appointmentId],
      foreignColumns: [appointments.clinicId, appointments.id],
    }).onDelete("cascade"),
    foreignKey({ columns: [t.clinicId, t.patientId], foreignColumns: [patients.clinicId, patients.id] }).onDelete(
      "cascade",
    ),
    // The dispatcher's two questions, across clinics: what is due, and what was handed out long ago.
    index("messages_pending_due_idx")
      .on(t.dueAt)
      .where(sql`state = 'pending'`),
    index("messages_sending_enqueued_idx")
      .on(t.enqueuedAt)
      .where(sql`state = 'sending'`),
    index("messages_appointment_idx").on(t.clinicId, t.appointmentId),
    index("messages_clinic_due_idx").on(t.clinicId, t.dueAt),
  ],
);

export type Message = typeof messages.$inferSelect;
