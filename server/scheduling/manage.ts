// Changing booked appointments: reschedule, cancel with a reason, check in, complete, no-show,
// and the calendar's read of a range. Every change is scoped by clinic_id in its own statement.
import { and, asc, eq, gt, lt, sql } from "drizzle-orm";
import { serially, type Tx } from "@/db/client";
import { appointments, appointmentTypes, closures, patients, timeOff, type AppointmentStatus } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { queueAppointmentMessages } from "@/server/messages/queue";
import { autoChargeFee } from "@/server/payments/charge-fee";
import { chargeCompletedVisit, voidVisitCharge } from "@/server/payments/charge-visit";
import { refundAppointmentCredits } from "@/server/payments/refund-payment";
import { recordVisit } from "@/server/outcomes/episodes";
import { selfBookedHasMatch } from "@/server/patients/merge";
import { type Actor, type BookOptions, nextFreeTimes, reasonMessage } from "./book";
import { isSlotAvailable } from "./availability";
import { freeRuns } from "./free-ranges";
import { getAppointmentType, listClinicians, loadAvailabilityInput, STAFF_RULES } from "./load-availability";

const MINUTE = 60_000;

export async function getAppointment(tx: Tx, clinicId: string, id: string) {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.clinicId, clinicId), eq(appointments.id, id)));
  if (!row) throw notFound("That appointment");
  return row;
}

const isExclusionViolation = (e: unknown) => {
  const err = e as { code?: string; cause?: { code?: string } };
  return (err.code ?? err.cause?.code) === "23P01";
};

export async function rescheduleAppointment(
  tx: Tx,
  actor: Actor,
  input: { id: string; startsAt: Date; clinicianId?: string },
  opts: BookOptions,
) {
  const current = await getAppointment(tx, actor.clinicId, input.id);
  if (current.status !== "booked")
    throw new DomainError("NOT_RESCHEDULABLE", "Only booked appointments can be moved.", "CONFLICT");
  const type = await getAppointmentType(tx, actor.clinicId, current.typeId);
  const clinicianId = input.clinicianId ?? current.clinicianId;
  const probe = await loadAvailabilityInput(tx, actor.clinicId, {
    type,
    from: input.startsAt,
    to: new Date(input.startsAt.getTime() + MINUTE),
    now: opts.now,
    clinicianIds: [clinicianId],
    rules: opts.rules ?? STAFF_RULES,
    ignoreAppointmentId: current.id,
  });
  if (probe.clinicians.length === 0)
    throw new DomainError("UNKNOWN_CLINICIAN", "That clinician is not on this clinic's team.", "NOT_FOUND");
  const verdict = isSlotAvailable(probe, clinicianId, input.startsAt);
  if (!verdict.ok && verdict.reason !== "BUSY") {
    const name = probe.clinicianNames.get(clinicianId) ?? "The clinician";
    throw reasonMessage(verdict.reason, {
      name,
      rules: opts.rules ?? STAFF_RULES,
      now: opts.now,
      startsAt: input.startsAt,
    });
  }
  const endsAt = new Date(input.startsAt.getTime() + type.durationMinutes * MINUTE);
  const blockedUntil = new Date(endsAt.getTime() + type.bufferMinutes * MINUTE);
  const moved = await tx
    .transaction(async (sp) =>
      sp
        .update(appointments)
        .set({ startsAt: input.startsAt, endsAt, blockedUntil, clinicianId, updatedAt: new Date() })
        .where(and(eq(appointments.clinicId, actor.clinicId), eq(appointments.id, current.id)))
        .returning(),
    )
    .catch(async (e: unknown) => {
      if (!isExclusionViolation(e)) throw e;
      const next = await nextFreeTimes(
        tx,
        actor.clinicId,
        type,
        clinicianId,
        input.startsAt,
        opts.now,
        opts.rules ?? STAFF_RULES,
      );
      throw new DomainError(
        "SLOT_TAKEN",
        "That time is taken, for the clinician or the patient — here are the next free times.",
        "CONFLICT",
        { nextFreeTimes: next },
      );
    });
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "appointment.reschedule",
    entity: "appointment",
    entityId: current.id,
    details: { from: current.startsAt.toISOString(), to: input.startsAt.toISOString(), clinicianId },
  });
  await queueAppointmentMessages(
    tx,
    { clinicId: actor.clinicId, appointmentId: current.id, event: "rescheduled", previousStartsAt: current.startsAt },
    opts.now,
  );
  return moved[0]!;
}

export async function cancelAppointment(
  tx: Tx,
  actor: Actor,
  input: { id: string; reason: string; byClinic?: boolean },
  now = new Date(),
) {
  const current = await getAppointment(tx, actor.clinicId, input.id);
  if (current.status === "cancelled")
    throw new DomainError("ALREADY_CANCELLED", "That appointment is already cancelled.", "CONFLICT");
  if (current.status === "completed")
    throw new DomainError("COMPLETED", "A completed appointment cannot be cancelled.", "CONFLICT");
  const [row] = await tx
    .update(appointments)
    .set({
      status: "cancelled",
      cancelReason: input.reason,
      cancelledBy: input.byClinic ? "clinic" : "patient",
      updatedAt: new Date(),
    })
    .where(and(eq(appointments.clinicId, actor.clinicId), eq(appointments.id, input.id)))
    .returning();
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "appointment.cancel",
    entity: "appointment",
    entityId: input.id,
    details: { reason: input.reason, byClinic: Boolean(input.byClinic) },
  });
  await queueAppointmentMessages(tx, { clinicId: actor.clinicId, appointmentId: input.id, event: "cancelled" }, now);
  // Money (server/payments/): the clinic's cancellation gives deposits back; a patient's late one may carry a fee.
  if (input.byClinic) await refundAppointmentCredits(tx, actor, input.id);
  else await autoChargeFee(tx, actor, input.id);
  return row!;
}

const ATTENDED: readonly AppointmentStatus[] = ["checked_in", "completed"];

const ALLOWED: Record<AppointmentStatus, AppointmentStatus[]> = {
  booked: ["checked_in", "no_show", "completed"],
  checked_in: ["completed", "booked", "no_show"],
  no_show: ["booked"],
  completed: ["checked_in"],
  cancelled: [],
  // Only the payment webhook (or the release job) moves a held booking on.
  pending_payment: [],
};

export async function setAppointmentStatus(
  tx: Tx,
  actor: Actor,
  input: { id: string; status: Exclude<AppointmentStatus, "cancelled" | "pending_payment"> },
) {
  const current = await getAppointment(tx, actor.clinicId, input.id);
  if (!ALLOWED[current.status].includes(input.status)) {
    throw new DomainError(
      "BAD_TRANSITION",
      `A ${current.status.replace("_", "-")} appointment cannot be marked ${input.status.replace("_", " ")}.`,
      "CONFLICT",
    );
  }
  const [row] = await tx
    .update(appointments)
    .set({ status: input.status, updatedAt: new Date() })
    .where(and(eq(appointments.clinicId, actor.clinicId), eq(appointments.id, input.id)))
    .returning();
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: `appointment.${input.status}`,
    entity: "appointment",
    entityId: input.id,
    details: { from: current.status },
  });
  // An attended visit may bring an "every N visits" questionnaire due.
  if (ATTENDED.includes(input.status) && !ATTENDED.includes(current.status))
    await recordVisit(tx, actor.clinicId, current.patientId);
  // Money (server/payments/): a completed visit is charged at its type's price; a no-show may carry a fee.
  if (input.status === "completed") await chargeCompletedVisit(tx, actor.clinicId, input.id, actor.userId);
  else if (current.status === "completed") await voidVisitCharge(tx, actor.clinicId, input.id);
  if (input.status === "no_show") await autoChargeFee(tx, actor, input.id);
  return row!;
}

/** Everything the calendar shows for a range: clinicians, types and the appointments in it. */
export async function listCalendar(tx: Tx, clinicId: string, range: { from: Date; to: Date }) {
  const [clinicians, types, rows] = await serially(
    () => listClinicians(tx, clinicId),
    () =>
      tx
        .select()
        .from(appointmentTypes)
        .where(eq(appointmentTypes.clinicId, clinicId))
        .orderBy(asc(appointmentTypes.durationMinutes)),
    () =>
      tx
        .select({
          id: appointments.id,
          clinicianId: appointments.clinicianId,
          patientId: appointments.patientId,
          typeId: appointments.typeId,
          startsAt: appointments.startsAt,
          endsAt: appointments.endsAt,
          status: appointments.status,
          source: appointments.source,
          notes: appointments.notes,
          cancelReason: appointments.cancelReason,
          patientFirstName: patients.firstName,
          patientLastName: patients.lastName,
          /** Booked online, not yet kept or merged by the front desk (server/patients/merge.ts). */
          patientSelfBooked: sql<boolean>`${patients.selfBookedAt} IS NOT NULL`.mapWith(Boolean),
          patientPossibleMatch: selfBookedHasMatch(),
        })
        .from(appointments)
        .innerJoin(patients, and(eq(patients.clinicId, appointments.clinicId), eq(patients.id, appointments.patientId)))
        .where(
          and(
            eq(appointments.clinicId, clinicId),
            lt(appointments.startsAt, range.to),
            gt(appointments.endsAt, range.from),
          ),
        )
        .orderBy(asc(appointments.startsAt)),
  );
  const closureRows = await tx
    .select({ startsAt: closures.startsAt, endsAt: closures.endsAt, reason: closures.reason })
    .from(closures)
    .where(and(eq(closures.clinicId, clinicId), lt(closures.startsAt, range.to), gt(closures.endsAt, range.from)));
  const offRows = await tx
    .select({
      clinicianId: timeOff.clinicianId,
      startsAt: timeOff.startsAt,
      endsAt: timeOff.endsAt,
      reason: timeOff.reason,
    })
    .from(timeOff)
    .where(and(eq(timeOff.clinicId, clinicId), lt(timeOff.startsAt, range.to), gt(timeOff.endsAt, range.from)));
  return {
    clinicians: clinicians.map((c) => ({ id: c.id, name: c.name, workingHours: c.workingHours })),
    types,
    appointments: rows,
    closures: closureRows,
    timeOff: offRows,
  };
}

/**
 * Free start times per clinician for a type over a range, as runs on the grid step (a staff week
 * on the 5-minute grid is ~13k instants; runs send a few hundred numbers). runStarts expands them.
 * One statement: the free ranges come from PostgreSQL's multirange arithmetic (free-ranges.ts).
 */
export async function availableSlots(
  tx: Tx,
  clinic: { id: string; timeZone: string },
  input: { typeId: string; clinicianId?: string; from: Date; to: Date },
  opts: { now: Date; online: boolean; last?: boolean },
) {
  return freeRuns(tx, clinic, { ...input, ...opts, rules: opts.online ? undefined : STAFF_RULES });
}
