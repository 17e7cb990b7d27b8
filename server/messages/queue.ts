// Queueing the messages an appointment change calls for, inside the scheduling transaction that
// made the change: they commit or roll back with it. One statement whatever the event (a booking's
// cost matters). Keys are deterministic, so queueing the same event twice queues it once; moving
// and cancelling skip what no longer applies.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { MessageKind } from "@/db/schema";
import { DISPATCH_CHANNEL } from "@/server/jobs/queues";

export type AppointmentEvent = "booked" | "rescheduled" | "cancelled";

/**
 * The key of an appointment's message: `appt:<id>:<kind>[:<start ISO>][:v<version ms>]`. Built in
 * SQL by queueAppointmentMessages; this is the same shape for readers and tests.
 */
export const appointmentMessageKey = (appointmentId: string, kind: MessageKind, startsAt?: Date, version?: Date) =>
  ["appt", appointmentId, kind, startsAt?.toISOString(), version ? `v${version.getTime()}` : undefined]
    .filter(Boolean)
    .join(":");

/**
 * The CTEs (skipped, wanted, inserted) that queue `event`'s messages for the appointment in a CTE
 * named `appt` (clinic_id, id, patient_id, starts_at, updated_at, r24, r2, at: see
 * queueAppointmentMessages): booking puts them after its insert, so booking is one statement.
 */
export function queueMessagesCtes(event: AppointmentEvent, now: Date, previousStartsAt?: Date): SQL {
  const previous = previousStartsAt?.toISOString() ?? null;
  return sql`
    skipped AS (
      UPDATE messages m SET state = 'skipped', skip_reason = ${event === "cancelled" ? "cancelled" : "moved"}, updated_at = now()
        FROM appt
       WHERE ${event !== "booked"}::boolean
         AND m.clinic_id = appt.clinic_id AND m.appointment_id = appt.id AND m.state IN ('pending', 'sending')
         AND m.kind IN ('confirmation', 'reminder_24h', 'reminder_2h', 'reschedule')
         AND (${event === "cancelled"}::boolean OR m.starts_at IS DISTINCT FROM appt.starts_at)
      RETURNING 1
    ), wanted AS (
      SELECT k.kind, 'appt:' || appt.id || ':' || k.kind || k.suffix AS key, k.due_at, k.details
        FROM appt CROSS JOIN LATERAL (VALUES
          ('confirmation'::text, ':' || appt.at, ${now}::timestamptz, NULL::jsonb, ${event === "booked"}::boolean),
          ('reschedule', ':' || appt.at || ':v' || floor(extract(epoch FROM appt.updated_at) * 1000)::bigint, ${now}::timestamptz,
            CASE WHEN ${previous}::text IS NULL THEN NULL ELSE jsonb_build_object('previousStartsAt', ${previous}::text) END,
            ${event === "rescheduled"}::boolean),
          ('cancellation', '', ${now}::timestamptz, NULL, ${event === "cancelled"}::boolean),
          ('reminder_24h', ':' || appt.at, appt.starts_at - interval '24 hours', NULL, ${event !== "cancelled"}::boolean AND appt.r24),
          ('reminder_2h', ':' || appt.at, appt.starts_at - interval '2 hours', NULL, ${event !== "cancelled"}::boolean AND appt.r2)
        ) AS k(kind, suffix, due_at, details, wanted)
       WHERE k.wanted AND (k.kind NOT LIKE 'reminder%' OR k.due_at > ${now}::timestamptz)
    ), inserted AS (
      INSERT INTO messages (clinic_id, appointment_id, patient_id, kind, key, starts_at, due_at, details)
      SELECT appt.clinic_id, appt.id, appt.patient_id, w.kind::message_kind, w.key, appt.starts_at, w.due_at, w.details
        FROM appt, wanted w
      ON CONFLICT (clinic_id, key) DO UPDATE
        SET state = 'pending', skip_reason = NULL, due_at = excluded.due_at, enqueued_at = NULL, updated_at = now()
        WHERE messages.state = 'skipped' AND messages.skip_reason = 'moved'
      RETURNING 1
    )`;
}

/**
 * booked: a confirmation now, and each reminder the clinic has on whose time is still ahead.
 * rescheduled: what was queued for another time is skipped ("moved"); a notice of the move now
 * (keyed by the appointment's version, so moving back and forth is announced each time) and the
 * reminders for the new time — those skipped earlier for this very time come back.
 * cancelled: everything pending is skipped ("cancelled"); a cancellation notice now.
 * Whether the patient can be emailed is decided when each message is sent, not here.
 * The dispatcher is woken (NOTIFY, delivered at commit) for the notices due now.
 */
export async function queueAppointmentMessages(
  tx: Tx,
  input: { clinicId: string; appointmentId: string; event: AppointmentEvent; previousStartsAt?: Date },
  now: Date,
): Promise<void> {
  const { event } = input;
  const result = await tx.execute<{ found: number }>(sql`
    WITH appt AS (
      SELECT a.clinic_id, a.id, a.patient_id, a.starts_at, a.updated_at,
             c.reminder_24h_enabled AS r24, c.reminder_2h_enabled AS r2,
             to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM appointments a JOIN clinics c ON c.id = a.clinic_id
       WHERE a.clinic_id = ${input.clinicId} AND a.id = ${input.appointmentId}
    ), ${queueMessagesCtes(event, now, input.previousStartsAt)}
    SELECT (SELECT count(*) FROM appt)::int AS found, pg_notify(${DISPATCH_CHANNEL}, '')`);
  if (!result.rows[0]?.found)
    throw new Error(`Appointment ${input.appointmentId} is not visible in this clinic transaction`);
}
