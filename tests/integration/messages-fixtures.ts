// Shared by the messages and reminders tests: booking through the real API, reading a clinic's
// messages and outbox as the table owner, and delivering what is due at a given instant.
import { and, asc, eq, like, sql } from "drizzle-orm";
import { appDb } from "@/db/client";
import { appointmentTypes, emailOutbox, messages, type Message } from "@/db/schema";
import { deliverMessage, type DeliveryOutcome } from "@/server/messages/deliver";
import { queueAppointmentMessages } from "@/server/messages/queue";
import { wallTimeToUtc } from "@/server/scheduling/zoned-time";
import { withClinic } from "@/server/tenancy";
import { callerFor } from "../fixtures/callers";
import type { SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";

/** A date (YYYY-MM-DD) at least `minDays` ahead whose getUTCDay() is `weekday` (1 = Monday). */
export function futureDate(weekday: number, minDays = 8): string {
  const d = new Date(Date.now() + minDays * 86_400_000);
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export const at = (clinic: SeededClinic, date: string, time: string) => wallTimeToUtc(date, time, clinic.timeZone);

export async function typeIds(clinic: SeededClinic): Promise<Record<string, string>> {
  const rows = await adminDb().select().from(appointmentTypes).where(eq(appointmentTypes.clinicId, clinic.id));
  return Object.fromEntries(rows.map((t) => [t.name, t.id]));
}

// Booking, moving and cancelling go through the API; scheduling queues the messages itself.

/** The front desk books a follow-up with the clinic's clinician. */
export async function bookFollowUp(clinic: SeededClinic, startsAt: Date, patientId = clinic.patients[0]!.id) {
  const types = await typeIds(clinic);
  return callerFor(clinic.frontDesk, clinic.slug).scheduling.book({
    clinicianId: clinic.clinician.id,
    patientId,
    typeId: types["Follow-up"]!,
    startsAt,
  });
}

/** The front desk moves an appointment. */
export function moveTo(clinic: SeededClinic, appointment: { id: string }, startsAt: Date) {
  return callerFor(clinic.frontDesk, clinic.slug).scheduling.reschedule({ id: appointment.id, startsAt });
}

/** The front desk cancels an appointment. */
export function cancel(clinic: SeededClinic, appointmentId: string) {
  return callerFor(clinic.frontDesk, clinic.slug).scheduling.cancel({
    id: appointmentId,
    reason: "Patient called to cancel",
  });
}

/** Queues an appointment's booking messages afresh as if it had been booked at `now` (for the timing rules). */
export async function requeueAsBookedAt(clinicId: string, appointmentId: string, now: Date) {
  await adminDb()
    .delete(messages)
    .where(and(eq(messages.clinicId, clinicId), eq(messages.appointmentId, appointmentId)));
  await withClinic(appDb(), clinicId, (tx) =>
    queueAppointmentMessages(tx, { clinicId, appointmentId, event: "booked" }, now),
  );
}

/** Every message of the clinic (or of one appointment), oldest due first. */
export function messagesOf(clinicId: string, appointmentId?: string): Promise<Message[]> {
  return adminDb()
    .select()
    .from(messages)
    .where(and(eq(messages.clinicId, clinicId), appointmentId ? eq(messages.appointmentId, appointmentId) : undefined))
    .orderBy(asc(messages.dueAt), asc(messages.createdAt));
}

/** kind@state (reason) for each message: a readable summary to compare. */
export const summary = (rows: Message[]) =>
  rows.map(
    (m) =>
      `${m.kind}${m.startsAt ? `@${m.startsAt.toISOString()}` : ""}: ${m.state}${m.skipReason ? ` (${m.skipReason})` : ""}`,
  );

/** The emails a clinic's messages put in the outbox. */
export function outboxOf(clinicId: string) {
  return adminDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.clinicId, clinicId), like(emailOutbox.idempotencyKey, "msg:%")))
    .orderBy(asc(emailOutbox.createdAt));
}

/**
 * What the dispatcher and sender do, without pg-boss: claim everything due at `now` (the real
 * claim function, as the app's role) and deliver each message in turn.
 */
export async function deliverDue(now: Date): Promise<Record<string, DeliveryOutcome | "retry">> {
  // Lease 0: messages handed out earlier and not finished are handed out again.
  const claimed = await appDb().execute<{ clinic_id: string; id: string; key: string }>(
    sql`SELECT clinic_id, id, key FROM app_claim_due_messages(${now}, 1000, 0)`,
  );
  const outcomes: Record<string, DeliveryOutcome | "retry"> = {};
  for (const m of claimed.rows) {
    outcomes[m.key] = await deliverMessage(appDb(), { clinicId: m.clinic_id, messageId: m.id }, now).catch(
      () => "retry" as const,
    );
  }
  return outcomes;
}
