// Booking, rescheduling and the next free times. PostgreSQL's exclusion constraints decide
// races: an insert that loses returns no row (ON CONFLICT DO NOTHING) and the person is told
// the time was just taken, with the next free times.
import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import { executePrepared, type Tx } from "@/db/client";
import { appointments, patients, type Appointment, type AppointmentType } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { DISPATCH_CHANNEL } from "@/server/jobs/queues";
import { queueMessagesCtes } from "@/server/messages/queue";
import { findAvailableSlots, isSlotAvailable } from "./availability";
import {
  availabilityQuery,
  loadAvailabilityInput,
  MAX_BLOCK_MS,
  STAFF_RULES,
  toAvailabilityInput,
  type BookingRules,
  type LoadedRow,
  type LoadOptions,
} from "./load-availability";

export type Actor = { clinicId: string; userId: string | null };
export type BookOptions = {
  now: Date;
  source: "front_desk" | "online";
  rules?: BookingRules;
  /** Held while the patient pays (server/payments/): status pending_payment until then, no confirmation yet. */
  holdUntil?: Date;
};
type Unavailable = Exclude<ReturnType<typeof isSlotAvailable>, { ok: true }>["reason"];

const MINUTE = 60_000;

export function reasonMessage(
  reason: Unavailable,
  ctx: { name: string; rules: BookingRules; now: Date; startsAt: Date },
): DomainError {
  const messages: Record<Unavailable, [string, string]> = {
    CLOSED_DAY: ["CLOSED_DAY", "The clinic is closed that day."],
    OUTSIDE_HOURS: [
      "OUTSIDE_HOURS",
      `That time is outside ${ctx.name}'s working hours, or the appointment would run past closing.`,
    ],
    CLOSURE: ["CLINIC_CLOSED", "The clinic is closed at that time."],
    TIME_OFF: ["TIME_OFF", `${ctx.name} is off at that time.`],
    BUSY: ["SLOT_TAKEN", "That time was just taken."],
    TOO_SOON:
      ctx.startsAt <= ctx.now
        ? ["IN_THE_PAST", "That time has already passed."]
        : [
            "TOO_SOON",
            `Appointments must be booked at least ${Math.round(ctx.rules.minNoticeMinutes / 60)} hours ahead.`,
          ],
    TOO_FAR: ["TOO_FAR", `Appointments can be booked at most ${ctx.rules.maxAdvanceDays} days ahead.`],
    OFF_GRID: ["OFF_GRID", `Appointments start every ${ctx.rules.granularityMinutes} minutes.`],
  };
  const [code, message] = messages[reason];
  return new DomainError(code, message, reason === "BUSY" ? "CONFLICT" : "BAD_REQUEST");
}

/**
 * The first few free start times for this clinician and type after `after`: the rest of that day
 * and the next first (what a lost race usually needs), then up to 14 days ahead.
 */
export async function nextFreeTimes(
  tx: Tx,
  clinicId: string,
  type: AppointmentType,
  clinicianId: string,
  after: Date,
  now: Date,
  rules: BookingRules,
  count = 3,
) {
  let picked: Date[] = [];
  for (const days of [2, 14]) {
    const input = await loadAvailabilityInput(tx, clinicId, {
      type,
      from: after,
      to: new Date(after.getTime() + days * 86_400_000),
      now,
      clinicianIds: [clinicianId],
      rules,
    });
    // Spread the suggestions at least 15 minutes apart (the staff grid is 5 minutes).
    picked = [];
    for (const s of findAvailableSlots(input)[0]?.starts ?? []) {
      const last = picked.at(-1);
      if (!last || s.getTime() - last.getTime() >= 15 * MINUTE) picked.push(s);
      if (picked.length === count) return picked;
    }
  }
  return picked;
}

async function slotTaken(
  tx: Tx,
  clinicId: string,
  type: AppointmentType,
  clinicianId: string,
  startsAt: Date,
  opts: BookOptions,
): Promise<never> {
  const next = await nextFreeTimes(tx, clinicId, type, clinicianId, startsAt, opts.now, opts.rules ?? STAFF_RULES);
  throw new DomainError("SLOT_TAKEN", "That time was just taken — here are the next free times.", "CONFLICT", {
    nextFreeTimes: next,
  });
}

async function assertPatient(tx: Tx, clinicId: string, patientId: string) {
  const [p] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  if (!p) throw notFound("That patient");
}

async function patientBusy(
  tx: Tx,
  clinicId: string,
  patientId: string,
  startsAt: Date,
  endsAt: Date,
  ignoreId?: string,
) {
  const rows = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.clinicId, clinicId),
        eq(appointments.patientId, patientId),
        ne(appointments.status, "cancelled"),
        lt(appointments.startsAt, endsAt),
        gt(appointments.startsAt, new Date(startsAt.getTime() - MAX_BLOCK_MS)),
        gt(appointments.endsAt, startsAt),
        ignoreId ? ne(appointments.id, ignoreId) : undefined,
      ),
    );
  return rows.length > 0;
}

const PATIENT_BUSY = () =>
  new DomainError("PATIENT_BUSY", "This patient already has an appointment at that time.", "CONFLICT");

/** The foreign key from appointments to the clinic's patients (clinic_id, patient_id). */
const isPatientForeignKey = (e: unknown) => {
  const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  const code = err.code ?? err.cause?.code;
  const constraint = err.constraint ?? err.cause?.constraint ?? "";
  return code === "23503" && constraint.includes("patient");
};

type BookInput = { clinicianId: string; patientId: string; typeId: string; startsAt: Date; notes?: string };
type BookedJson = Omit<
  Appointment,
  "startsAt" | "endsAt" | "blockedUntil" | "createdAt" | "updatedAt" | "holdExpiresAt"
> &
  Record<"startsAt" | "endsAt" | "blockedUntil" | "createdAt" | "updatedAt", string> & { holdExpiresAt: string | null };

/**
 * A booking's one statement: the availability read (load-availability.ts), and — when the type is
 * offered, the clinician on the team and the patient the clinic's — the insert, its audit entry and
 * its queued messages (confirmation, reminders; NOTIFY at commit). Data-modifying CTEs do not see
 * each other's rows, so the read shows the calendar without this booking. ON CONFLICT DO NOTHING:
 * no row back means an exclusion constraint (clinician or patient) refused the time. The caller
 * then checks the read (bookAppointment) and throws if the time is not bookable, which rolls the
 * insert back with the transaction (clinicProcedure) or savepoint (recurring, online booking).
 */
async function readAndInsert(tx: Tx, actor: Actor, input: BookInput, load: LoadOptions, opts: BookOptions) {
  const at = input.startsAt;
  const online = opts.source === "online";
  const result = await executePrepared<LoadedRow & { booked: BookedJson | null }>(
    tx,
    sql`
    WITH loaded AS (${availabilityQuery(actor.clinicId, load)}),
    booked AS (
      INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, source, notes, created_by,
                                status, hold_expires_at)
      SELECT t.clinic_id, ${input.clinicianId}::uuid, ${input.patientId}::uuid, t.id, ${at}::timestamptz,
             ${at}::timestamptz + make_interval(mins => t.duration_minutes),
             ${at}::timestamptz + make_interval(mins => t.duration_minutes + t.buffer_minutes),
             ${opts.source}::appointment_source, ${input.notes || null}::text, ${actor.userId}::uuid,
             ${opts.holdUntil ? "pending_payment" : "booked"}::appointment_status, ${opts.holdUntil ?? null}::timestamptz
        FROM appointment_types t
       WHERE t.clinic_id = ${actor.clinicId} AND t.id = ${input.typeId}::uuid AND t.active AND (t.online_bookable OR NOT ${online}::boolean)
         AND EXISTS (SELECT 1 FROM memberships m WHERE m.clinic_id = t.clinic_id AND m.user_id = ${input.clinicianId}::uuid AND m.takes_appointments)
         AND EXISTS (SELECT 1 FROM patients p WHERE p.clinic_id = t.clinic_id AND p.id = ${input.patientId}::uuid)
      ON CONFLICT DO NOTHING
      RETURNING *
    ), audited AS (
      INSERT INTO audit_log (clinic_id, actor_user_id, action, entity, entity_id, details)
      SELECT clinic_id, ${actor.userId}::uuid, 'appointment.book', 'appointment', id::text,
             jsonb_build_object('startsAt', ${at.toISOString()}::text, 'clinicianId', clinician_id, 'patientId', patient_id, 'source', source)
        FROM booked
    ), appt AS (
      SELECT b.clinic_id, b.id, b.patient_id, b.starts_at, b.updated_at,
             c.reminder_24h_enabled AS r24, c.reminder_2h_enabled AS r2,
             to_char(b.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at
        FROM booked b JOIN clinics c ON c.id = b.clinic_id
       WHERE b.status = 'booked' -- a slot held for payment is confirmed (and reminded) once paid
    ), ${queueMessagesCtes("booked", opts.now)}
    SELECT l.*,
           (SELECT json_build_object('clinicId', clinic_id, 'id', id, 'clinicianId', clinician_id, 'patientId', patient_id,
                     'typeId', type_id, 'startsAt', starts_at, 'endsAt', ends_at, 'blockedUntil', blocked_until, 'status', status,
                     'source', source, 'notes', notes, 'cancelReason', cancel_reason, 'holdExpiresAt', hold_expires_at, 'createdBy', created_by,
                     'createdAt', created_at, 'updatedAt', updated_at)
              FROM booked) AS booked,
           (SELECT pg_notify(${DISPATCH_CHANNEL}, '') FROM appt) AS notified
      FROM loaded l`,
  ).catch((e: unknown) => {
    if (isPatientForeignKey(e)) throw notFound("That patient");
    throw e;
  });
  const row = result.rows[0];
  const raw = row?.booked ?? null;
  const booked: Appointment | null = raw && {
    ...raw,
    startsAt: new Date(raw.startsAt),
    endsAt: new Date(raw.endsAt),
    blockedUntil: new Date(raw.blockedUntil),
    createdAt: new Date(raw.createdAt),
    updatedAt: new Date(raw.updatedAt),
    holdExpiresAt: raw.holdExpiresAt ? new Date(raw.holdExpiresAt) : null,
  };
  return { input: toAvailabilityInput(row, load), booked };
}

/**
 * Books one appointment: BEGIN, the membership (clinicProcedure), ONE statement (readAndInsert),
 * COMMIT. Every check is kept: the type offered, the clinician on the team, working hours,
 * closures, time off, busy time, notice, advance and grid (isSlotAvailable on the read), the
 * exclusion constraints, the audit entry and the idempotent message keys. A time that is not
 * bookable throws after the insert, and the caller's transaction or savepoint undoes it.
 */
export async function bookAppointment(tx: Tx, actor: Actor, input: BookInput, opts: BookOptions): Promise<Appointment> {
  const rules = opts.rules ?? STAFF_RULES;
  const load: LoadOptions = {
    type: { lookup: input.typeId, online: opts.source === "online" },
    from: input.startsAt,
    to: new Date(input.startsAt.getTime() + MINUTE),
    now: opts.now,
    clinicianIds: [input.clinicianId],
    rules,
  };
  const { input: read, booked } = await readAndInsert(tx, actor, input, load, opts);
  if (read.clinicians.length === 0)
    throw new DomainError("UNKNOWN_CLINICIAN", "That clinician is not on this clinic's team.", "NOT_FOUND");
  const type = read.appointmentType;
  const verdict = isSlotAvailable(read, input.clinicianId, input.startsAt);
  if (!verdict.ok) {
    if (verdict.reason === "BUSY") await slotTaken(tx, actor.clinicId, type, input.clinicianId, input.startsAt, opts);
    throw reasonMessage(verdict.reason, {
      name: read.clinicianNames.get(input.clinicianId) ?? "The clinician",
      rules,
      now: opts.now,
      startsAt: input.startsAt,
    });
  }
  if (booked) return booked;
  // Refused (rare: a race, or the patient's own overlap): say which, and offer the next times.
  const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * MINUTE);
  await assertPatient(tx, actor.clinicId, input.patientId);
  if (await patientBusy(tx, actor.clinicId, input.patientId, input.startsAt, endsAt)) throw PATIENT_BUSY();
  return slotTaken(tx, actor.clinicId, type, input.clinicianId, input.startsAt, opts);
}
