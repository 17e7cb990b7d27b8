// Queueing the messages an appointment change calls for, inside the scheduling transaction that
// made the change: they commit or roll back with it. Keys are deterministic, so queueing the same
// event twice queues it once; rescheduling and cancelling skip what no longer applies.
import { and, eq, inArray, ne, or, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, clinics, messages, type MessageKind } from "@/db/schema";
import { wakeDispatcher } from "@/server/jobs/queues";

export type AppointmentEvent = "booked" | "rescheduled" | "cancelled";

const HOUR = 3_600_000;
export const REMINDERS = [
  { kind: "reminder_24h", before: 24 * HOUR },
  { kind: "reminder_2h", before: 2 * HOUR },
] as const;

/** Kinds that speak of one start time: they no longer apply once the appointment moves or is cancelled. */
const TIMED_KINDS: MessageKind[] = ["confirmation", "reminder_24h", "reminder_2h", "reschedule"];

export const appointmentMessageKey = (appointmentId: string, kind: MessageKind, startsAt?: Date, version?: Date) =>
  ["appt", appointmentId, kind, startsAt?.toISOString(), version ? `v${version.getTime()}` : undefined].filter(Boolean).join(":");

type NewMessage = typeof messages.$inferInsert;

async function insertMessages(tx: Tx, rows: NewMessage[]) {
  if (rows.length === 0) return;
  // Already there: left as it is, unless it was skipped only because the appointment had moved
  // away from this time and has now moved back.
  await tx
    .insert(messages)
    .values(rows)
    .onConflictDoUpdate({
      target: [messages.clinicId, messages.key],
      set: { state: "pending", skipReason: null, dueAt: sql`excluded.due_at`, enqueuedAt: null, updatedAt: sql`now()` },
      setWhere: and(eq(messages.state, "skipped"), eq(messages.skipReason, "moved")),
    });
}

async function skipPending(tx: Tx, clinicId: string, appointmentId: string, reason: string, kinds: MessageKind[], keepStartsAt?: Date) {
  await tx
    .update(messages)
    .set({ state: "skipped", skipReason: reason, updatedAt: sql`now()` })
    .where(
      and(
        eq(messages.clinicId, clinicId),
        eq(messages.appointmentId, appointmentId),
        inArray(messages.state, ["pending", "sending"]),
        inArray(messages.kind, kinds),
        keepStartsAt ? or(isNull(messages.startsAt), ne(messages.startsAt, keepStartsAt)) : undefined,
      ),
    );
}

/**
 * booked: a confirmation now, and each reminder the clinic has on whose time is still ahead.
 * rescheduled: what was queued for the old time is skipped ("moved"); a reschedule notice now and
 * the reminders for the new time. cancelled: everything pending is skipped; a cancellation notice now.
 * Whether the patient can be emailed is decided when each message is sent, not here.
 */
export async function queueAppointmentMessages(
  tx: Tx,
  input: { clinicId: string; appointmentId: string; event: AppointmentEvent; previousStartsAt?: Date },
  now: Date,
): Promise<void> {
  const [appt] = await tx
    .select({
      id: appointments.id, patientId: appointments.patientId, startsAt: appointments.startsAt, updatedAt: appointments.updatedAt,
      reminder24h: clinics.reminder24hEnabled, reminder2h: clinics.reminder2hEnabled,
    })
    .from(appointments)
    .innerJoin(clinics, eq(clinics.id, appointments.clinicId))
    .where(and(eq(appointments.clinicId, input.clinicId), eq(appointments.id, input.appointmentId)));
  if (!appt) throw new Error(`Appointment ${input.appointmentId} is not visible in this clinic transaction`);
  const about = { clinicId: input.clinicId, appointmentId: appt.id, patientId: appt.patientId };

  if (input.event === "cancelled") {
    await skipPending(tx, input.clinicId, appt.id, "cancelled", TIMED_KINDS);
    await insertMessages(tx, [{ ...about, kind: "cancellation", key: appointmentMessageKey(appt.id, "cancellation"), startsAt: appt.startsAt, dueAt: now }]);
    await wakeDispatcher(tx);
    return;
  }

  const rows: NewMessage[] = [];
  if (input.event === "booked") {
    rows.push({ ...about, kind: "confirmation", key: appointmentMessageKey(appt.id, "confirmation", appt.startsAt), startsAt: appt.startsAt, dueAt: now });
  } else {
    await skipPending(tx, input.clinicId, appt.id, "moved", TIMED_KINDS, appt.startsAt);
    rows.push({
      ...about, kind: "reschedule", key: appointmentMessageKey(appt.id, "reschedule", appt.startsAt, appt.updatedAt), startsAt: appt.startsAt, dueAt: now,
      details: input.previousStartsAt ? { previousStartsAt: input.previousStartsAt.toISOString() } : null,
    });
  }
  for (const r of REMINDERS) {
    const enabled = r.kind === "reminder_24h" ? appt.reminder24h : appt.reminder2h;
    const dueAt = new Date(appt.startsAt.getTime() - r.before);
    if (enabled && dueAt > now) rows.push({ ...about, kind: r.kind, key: appointmentMessageKey(appt.id, r.kind, appt.startsAt), startsAt: appt.startsAt, dueAt });
  }
  await insertMessages(tx, rows);
  await wakeDispatcher(tx);
}
