// Sending one queued message, exactly once. In one clinic transaction: lock the message row, lock
// its appointment against changes, decide whether it should still go (skipped with a reason if
// not), render, store and send it under the message's key, mark it sent. Anything that fails rolls
// all of that back; the failure is then recorded in a transaction of its own, and the job is retried
// until MAX_SEND_ATTEMPTS, after which the message is failed and stays visible as such.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { appointments, appointmentTypes, clinics, messages, patients, users, type Message } from "@/db/schema";
import { MAX_SEND_ATTEMPTS } from "@/server/jobs/queues";
import { EmailProviderError, sendEmail } from "@/server/mail/send";
import { withClinic } from "@/server/tenancy";
import { isBillingKind } from "@/server/billing/notify";
import { composeEmail, isReminder, type MessageContext } from "./compose";
import { loadPlanEmail } from "./plan";
import { loadQuestionnaireEmail } from "./questionnaire";

export type MessageRef = { clinicId: string; messageId: string };
export type DeliveryOutcome = "sent" | "skipped" | "failed" | "already-done";
/** Test seam: runs after the provider accepted the email, before the transaction commits. */
export type DeliveryHooks = { afterSend?: (message: Message) => void | Promise<void> };

/** Thrown to have the job retried later; the failure is already recorded on the message. */
export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RetryLater";
  }
}

/** The outbox idempotency key (global): the message key is unique per clinic only. */
export const outboxKey = (m: Pick<Message, "clinicId" | "key">) => `msg:${m.clinicId}:${m.key}`;

const FINISHED = new Set(["sent", "skipped", "failed"]);

/** A plausible single address; anything else is not sent to. */
export function isDeliverableEmail(email: string | null | undefined): email is string {
  return !!email && email.length <= 254 && /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/.test(email);
}

type About = Pick<Message, "clinicId" | "appointmentId" | "patientId" | "kind" | "details">;

const clinicColumns = {
  id: clinics.id,
  slug: clinics.slug,
  name: clinics.name,
  timeZone: clinics.timeZone,
  locale: clinics.locale,
  currency: clinics.currency,
  email: clinics.email,
  phone: clinics.phone,
  address: clinics.address,
  reminder24hEnabled: clinics.reminder24hEnabled,
  reminder2hEnabled: clinics.reminder2hEnabled,
};
const patientColumns = {
  id: patients.id,
  firstName: patients.firstName,
  email: patients.email,
  emailOptOutAt: patients.emailOptOutAt,
};

async function loadContext(tx: Tx, message: About, now: Date): Promise<MessageContext> {
  const patientOn = and(eq(patients.clinicId, message.clinicId), eq(patients.id, message.patientId ?? sql`NULL::uuid`));
  if (message.appointmentId) {
    // One statement for the clinic, the appointment and the patient. FOR SHARE on the appointment:
    // a reschedule or cancellation of it waits until this send commits, so a message never goes
    // out for a time the appointment no longer has. A reminder takes FOR NO KEY UPDATE instead:
    // marking it sent also sets the appointment's `reminded` (a trigger, 0035), and two sends
    // holding FOR SHARE would deadlock raising their locks for that update.
    const [row] = await tx
      .select({
        clinic: clinicColumns,
        appointment: {
          id: appointments.id,
          status: appointments.status,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          createdAt: appointments.createdAt,
          clinicianName: users.name,
          typeName: appointmentTypes.name,
        },
        patient: patientColumns,
      })
      .from(appointments)
      .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
      .innerJoin(users, eq(users.id, appointments.clinicianId))
      .innerJoin(
        appointmentTypes,
        and(eq(appointmentTypes.clinicId, appointments.clinicId), eq(appointmentTypes.id, appointments.typeId)),
      )
      .leftJoin(patients, patientOn)
      .where(and(eq(appointments.clinicId, message.clinicId), eq(appointments.id, message.appointmentId)))
      .for(isReminder(message.kind) ? "no key update" : "share", { of: appointments });
    if (row) return row;
  }
  const [row] = await tx
    .select({ clinic: clinicColumns, patient: patientColumns })
    .from(clinics)
    .leftJoin(patients, patientOn)
    .where(eq(clinics.id, message.clinicId));
  if (!row) throw new Error(`Clinic ${message.clinicId} is not visible`);
  return {
    ...row,
    appointment: null,
    plan: message.kind === "plan" ? await loadPlanEmail(tx, message) : undefined,
    questionnaire: message.kind === "questionnaire" ? await loadQuestionnaireEmail(tx, message, now) : undefined,
  };
}

/** Why this message should not go out now, or null. */
export function skipReason(message: Message, ctx: MessageContext, now: Date): string | null {
  const a = ctx.appointment;
  if (message.appointmentId) {
    if (!a) return "appointment_gone";
    if (message.kind !== "cancellation") {
      if (a.status === "cancelled") return "cancelled";
      if (message.startsAt && a.startsAt.getTime() !== message.startsAt.getTime()) return "moved";
    }
    if (isReminder(message.kind)) {
      if (a.status !== "booked") return "status_changed";
      if (now.getTime() >= a.startsAt.getTime()) return "too_late";
      if (message.kind === "reminder_24h" && !ctx.clinic.reminder24hEnabled) return "disabled";
      if (message.kind === "reminder_2h" && !ctx.clinic.reminder2hEnabled) return "disabled";
    }
  }
  if (message.kind === "plan") {
    if (!ctx.plan) return "program_gone";
    if (ctx.plan.stale) return ctx.plan.stale;
  }
  if (message.kind === "questionnaire") {
    if (!ctx.questionnaire) return "questionnaire_gone";
    if (ctx.questionnaire.items.length === 0) return ctx.questionnaire.stale ?? "questionnaire_gone";
  }
  // Billing emails go to the clinic's owners (address in details), not to a patient.
  if (isBillingKind(message.kind)) return isDeliverableEmail(message.details?.toEmail) ? null : "invalid_email";
  return recipientSkipReason(ctx.patient, message.kind);
}

/** Why this patient cannot be sent this kind of message at all (no or invalid address, opted out of reminders), or null. */
export function recipientSkipReason(
  patient: Pick<NonNullable<MessageContext["patient"]>, "email" | "emailOptOutAt"> | null,
  kind: Message["kind"],
): string | null {
  if (!patient?.email?.trim()) return "no_email";
  if (!isDeliverableEmail(patient.email)) return "invalid_email";
  if (isReminder(kind) && patient.emailOptOutAt) return "opted_out";
  return null;
}

async function attempt(tx: Tx, ref: MessageRef, now: Date, hooks: DeliveryHooks): Promise<DeliveryOutcome> {
  const where = and(eq(messages.clinicId, ref.clinicId), eq(messages.id, ref.messageId));
  // Locks in the order scheduling takes them (appointment, then its messages), so a reschedule
  // racing this send waits for it instead of deadlocking with it.
  const [about] = await tx
    .select({
      clinicId: messages.clinicId,
      appointmentId: messages.appointmentId,
      patientId: messages.patientId,
      kind: messages.kind,
      details: messages.details,
    })
    .from(messages)
    .where(where);
  if (!about) return "already-done";
  const ctx = await loadContext(tx, about, now);
  const [message] = await tx.select().from(messages).where(where).for("update");
  if (!message || FINISHED.has(message.state)) return "already-done";
  const reason = skipReason(message, ctx, now);
  if (reason) {
    await tx
      .update(messages)
      .set({
        state: "skipped",
        skipReason: reason,
        toEmail: ctx.patient?.email ?? message.details?.toEmail ?? null,
        updatedAt: now,
      })
      .where(where);
    return "skipped";
  }
  const email = composeEmail(message, ctx);
  const result = await sendEmail(tx, { ...email, idempotencyKey: outboxKey(message), clinicId: message.clinicId });
  await hooks.afterSend?.(message);
  await tx
    .update(messages)
    .set({
      state: "sent",
      sentAt: now,
      attempts: sql`${messages.attempts} + 1`,
      lastError: null,
      toEmail: email.to,
      outboxId: result.id,
      providerMessageId: result.providerId,
      updatedAt: now,
    })
    .where(where);
  return "sent";
}

/** Records a failed attempt; the message fails for good at the last attempt or on a permanent refusal. */
async function recordFailure(db: Db, ref: MessageRef, error: unknown, now: Date): Promise<DeliveryOutcome> {
  const permanent = error instanceof EmailProviderError && !error.retryable;
  const text = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const row = await withClinic(db, ref.clinicId, async (tx) => {
    const [updated] = await tx
      .update(messages)
      .set({
        attempts: sql`${messages.attempts} + 1`,
        lastError: text,
        state: permanent
          ? "failed"
          : sql`CASE WHEN ${messages.attempts} + 1 >= ${MAX_SEND_ATTEMPTS} THEN 'failed'::message_state ELSE ${messages.state} END`,
        updatedAt: now,
      })
      .where(
        and(
          eq(messages.clinicId, ref.clinicId),
          eq(messages.id, ref.messageId),
          inArray(messages.state, ["pending", "sending"]),
        ),
      )
      .returning({ state: messages.state, attempts: messages.attempts });
    return updated;
  });
  if (!row) return "already-done";
  if (row.state === "failed") return "failed";
  throw new RetryLater(`Attempt ${row.attempts} of ${MAX_SEND_ATTEMPTS} failed: ${text}`);
}

/**
 * Sends the message if it should still go. Resolves with what happened; rejects with RetryLater
 * when the attempt failed and another one should follow (pg-boss retries the job with backoff).
 */
export async function deliverMessage(
  db: Db,
  ref: MessageRef,
  now: Date,
  hooks: DeliveryHooks = {},
): Promise<DeliveryOutcome> {
  try {
    return await withClinic(db, ref.clinicId, (tx) => attempt(tx, ref, now, hooks));
  } catch (error) {
    return recordFailure(db, ref, error, now);
  }
}
