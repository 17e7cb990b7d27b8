// Booking, rescheduling and the next free times. PostgreSQL's exclusion constraints decide
// races: an insert that loses returns no row (ON CONFLICT DO NOTHING) and the person is told
// the time was just taken, with the next free times.
import { and, eq, gt, lt, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, patients, type Appointment, type AppointmentType } from "@/db/schema";
import { DomainError, notFound } from "@/server/errors";
import { queueAppointmentMessages } from "@/server/messages/queue";
import { findAvailableSlots, isSlotAvailable } from "./availability";
import { loadAvailabilityInput, MAX_BLOCK_MS, STAFF_RULES, type BookingRules } from "./load-availability";

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

/** Refuses a start the clinician cannot take (with the reason); returns the type, read in the same statement when given by id. */
async function assertBookable(
  tx: Tx,
  clinicId: string,
  typeOrLookup: AppointmentType | { lookup: string; online?: boolean },
  clinicianId: string,
  startsAt: Date,
  opts: BookOptions,
  ignoreAppointmentId?: string,
): Promise<AppointmentType> {
  const rules = opts.rules ?? STAFF_RULES;
  const input = await loadAvailabilityInput(tx, clinicId, {
    type: typeOrLookup,
    from: startsAt,
    to: new Date(startsAt.getTime() + MINUTE),
    now: opts.now,
    clinicianIds: [clinicianId],
    rules,
    ignoreAppointmentId,
  });
  if (input.clinicians.length === 0)
    throw new DomainError("UNKNOWN_CLINICIAN", "That clinician is not on this clinic's team.", "NOT_FOUND");
  const type = input.appointmentType;
  const verdict = isSlotAvailable(input, clinicianId, startsAt);
  if (verdict.ok) return type;
  if (verdict.reason === "BUSY") await slotTaken(tx, clinicId, type, clinicianId, startsAt, opts);
  throw reasonMessage(verdict.reason, {
    name: input.clinicianNames.get(clinicianId) ?? "The clinician",
    rules,
    now: opts.now,
    startsAt,
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

/**
 * One statement inserts the appointment and its audit entry (a data-modifying CTE), so a booking
 * is BEGIN, the membership, the type, the availability read, this, COMMIT. ON CONFLICT DO NOTHING:
 * no row back means an exclusion constraint (clinician or patient) refused the time.
 */
async function insertBooked(
  tx: Tx,
  actor: Actor,
  row: {
    clinicianId: string;
    patientId: string;
    typeId: string;
    startsAt: Date;
    endsAt: Date;
    blockedUntil: Date;
    source: "front_desk" | "online";
    notes: string | null;
    holdUntil: Date | null;
  },
): Promise<Appointment | null> {
  const result = await tx
    .execute<Appointment>(
      sql`
    WITH booked AS (
      INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, source, notes, created_by,
                                status, hold_expires_at)
      VALUES (${actor.clinicId}, ${row.clinicianId}, ${row.patientId}, ${row.typeId}, ${row.startsAt}, ${row.endsAt}, ${row.blockedUntil},
              ${row.source}, ${row.notes}, ${actor.userId},
              ${row.holdUntil ? "pending_payment" : "booked"}::appointment_status, ${row.holdUntil}::timestamptz)
      ON CONFLICT DO NOTHING
      RETURNING *
    ), audited AS (
      INSERT INTO audit_log (clinic_id, actor_user_id, action, entity, entity_id, details)
      SELECT clinic_id, ${actor.userId}::uuid, 'appointment.book', 'appointment', id::text,
             jsonb_build_object('startsAt', ${row.startsAt.toISOString()}::text, 'clinicianId', clinician_id, 'patientId', patient_id, 'source', source)
        FROM booked
    )
    SELECT clinic_id AS "clinicId", id, clinician_id AS "clinicianId", patient_id AS "patientId", type_id AS "typeId",
           starts_at AS "startsAt", ends_at AS "endsAt", blocked_until AS "blockedUntil", status, source, notes,
           cancel_reason AS "cancelReason", hold_expires_at AS "holdExpiresAt", created_by AS "createdBy",
           created_at AS "createdAt", updated_at AS "updatedAt"
      FROM booked`,
    )
    .catch((e: unknown) => {
      if (isPatientForeignKey(e)) throw notFound("That patient");
      throw e;
    });
  const raw = result.rows[0] as Record<keyof Appointment, unknown> | undefined;
  if (!raw) return null;
  // tx.execute leaves values as the driver gives them; the columns' own mappers make them Dates.
  const date = (column: keyof Appointment & ("startsAt" | "endsAt" | "blockedUntil" | "createdAt" | "updatedAt")) =>
    appointments[column].mapFromDriverValue(raw[column] as string) as Date;
  return {
    ...(raw as Appointment),
    startsAt: date("startsAt"),
    endsAt: date("endsAt"),
    blockedUntil: date("blockedUntil"),
    createdAt: date("createdAt"),
    updatedAt: date("updatedAt"),
    holdExpiresAt: raw.holdExpiresAt
      ? (appointments.holdExpiresAt.mapFromDriverValue(raw.holdExpiresAt as string) as Date)
      : null,
  };
}

export async function bookAppointment(
  tx: Tx,
  actor: Actor,
  input: { clinicianId: string; patientId: string; typeId: string; startsAt: Date; notes?: string },
  opts: BookOptions,
): Promise<Appointment> {
  // The type is read in the availability statement: a booking is BEGIN, membership, this, insert, queue, COMMIT.
  const type = await assertBookable(
    tx,
    actor.clinicId,
    { lookup: input.typeId, online: opts.source === "online" },
    input.clinicianId,
    input.startsAt,
    opts,
  );
  const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * MINUTE);
  const blockedUntil = new Date(endsAt.getTime() + type.bufferMinutes * MINUTE);
  const row = await insertBooked(tx, actor, {
    clinicianId: input.clinicianId,
    patientId: input.patientId,
    typeId: type.id,
    startsAt: input.startsAt,
    endsAt,
    blockedUntil,
    source: opts.source,
    notes: input.notes || null,
    holdUntil: opts.holdUntil ?? null,
  });
  if (row) {
    // The confirmation and reminders, queued in this transaction (sent by the worker); a held booking's once paid.
    if (!opts.holdUntil)
      await queueAppointmentMessages(
        tx,
        { clinicId: actor.clinicId, appointmentId: row.id, event: "booked" },
        opts.now,
      );
    return row;
  }
  // Refused (rare: a race, or the patient's own overlap): say which, and offer the next times.
  await assertPatient(tx, actor.clinicId, input.patientId);
  if (await patientBusy(tx, actor.clinicId, input.patientId, input.startsAt, endsAt)) throw PATIENT_BUSY();
  return slotTaken(tx, actor.clinicId, type, input.clinicianId, input.startsAt, opts);
}
