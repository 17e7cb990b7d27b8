// The scheduling set-up an owner manages: appointment types, booking rules, closures,
// clinicians' working hours and time off. Every write is scoped by clinic_id and audited.
import { and, asc, eq, gt } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointmentTypes, clinics, closures, memberships, timeOff, type Role, type WeeklyHours } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import type { Actor } from "./book";

type TypeInput = {
  name: string;
  durationMinutes: number;
  bufferMinutes: number;
  priceMinor: number;
  color: string;
  onlineBookable: boolean;
  active: boolean;
};
type SpanInput = { startsAt: Date; endsAt: Date; reason?: string };

const audit = (
  tx: Tx,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | null,
  details?: Record<string, unknown>,
) => recordAudit(tx, { clinicId: actor.clinicId, actorUserId: actor.userId, action, entity, entityId, details });

export async function getSchedulingSetup(tx: Tx, clinicId: string, now: Date) {
  const [clinic] = await tx
    .select({
      minNoticeMinutes: clinics.minNoticeMinutes,
      maxAdvanceDays: clinics.maxAdvanceDays,
      slotGranularityMinutes: clinics.slotGranularityMinutes,
      timeZone: clinics.timeZone,
    })
    .from(clinics)
    .where(eq(clinics.id, clinicId));
  const types = await tx
    .select()
    .from(appointmentTypes)
    .where(eq(appointmentTypes.clinicId, clinicId))
    .orderBy(asc(appointmentTypes.durationMinutes));
  const closureRows = await tx
    .select()
    .from(closures)
    .where(and(eq(closures.clinicId, clinicId), gt(closures.endsAt, now)))
    .orderBy(asc(closures.startsAt));
  const offRows = await tx
    .select()
    .from(timeOff)
    .where(and(eq(timeOff.clinicId, clinicId), gt(timeOff.endsAt, now)))
    .orderBy(asc(timeOff.startsAt));
  return { rules: clinic!, types, closures: closureRows, timeOff: offRows };
}

export async function createAppointmentType(tx: Tx, actor: Actor, input: TypeInput) {
  const [row] = await tx
    .insert(appointmentTypes)
    .values({ clinicId: actor.clinicId, ...input })
    .returning();
  await audit(tx, actor, "appointment_type.create", "appointment_type", row!.id, { ...input });
  return row!;
}

export async function updateAppointmentType(tx: Tx, actor: Actor, input: TypeInput & { id: string }) {
  const { id, ...values } = input;
  const [row] = await tx
    .update(appointmentTypes)
    .set(values)
    .where(and(eq(appointmentTypes.clinicId, actor.clinicId), eq(appointmentTypes.id, id)))
    .returning();
  if (!row) throw notFound("That appointment type");
  await audit(tx, actor, "appointment_type.update", "appointment_type", id, { ...values });
  return row;
}

export async function updateBookingRules(
  tx: Tx,
  actor: Actor,
  input: { minNoticeMinutes: number; maxAdvanceDays: number; slotGranularityMinutes: number },
) {
  await tx.update(clinics).set(input).where(eq(clinics.id, actor.clinicId));
  await audit(tx, actor, "clinic.update_booking_rules", "clinic", actor.clinicId, { ...input });
  return input;
}

export async function addClosure(tx: Tx, actor: Actor, input: SpanInput) {
  const [row] = await tx
    .insert(closures)
    .values({ clinicId: actor.clinicId, startsAt: input.startsAt, endsAt: input.endsAt, reason: input.reason || null })
    .returning();
  await audit(tx, actor, "closure.add", "closure", row!.id, {
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt.toISOString(),
  });
  return row!;
}

export async function removeClosure(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .delete(closures)
    .where(and(eq(closures.clinicId, actor.clinicId), eq(closures.id, id)))
    .returning();
  if (!row) throw notFound("That closure");
  await audit(tx, actor, "closure.remove", "closure", id);
}

async function assertClinician(tx: Tx, clinicId: string, clinicianId: string) {
  const [m] = await tx
    .select()
    .from(memberships)
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.userId, clinicianId)));
  if (!m || m.role !== "clinician")
    throw new DomainError("UNKNOWN_CLINICIAN", "That clinician is not on this clinic's team.", "NOT_FOUND");
}

/** Time off is the clinician's own to record, or the owner's for anyone (the router admits only those two roles). */
type TimeOffActor = { clinicId: string; userId: string; role: Role };
const othersTimeOff = () =>
  new DomainError("NOT_YOUR_TIME_OFF", "You can record and remove only your own time off.", "FORBIDDEN");

export async function addTimeOff(tx: Tx, actor: TimeOffActor, input: SpanInput & { clinicianId: string }) {
  if (actor.role !== "owner" && input.clinicianId !== actor.userId) throw othersTimeOff();
  await assertClinician(tx, actor.clinicId, input.clinicianId);
  const [row] = await tx
    .insert(timeOff)
    .values({
      clinicId: actor.clinicId,
      clinicianId: input.clinicianId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      reason: input.reason || null,
    })
    .returning();
  await audit(tx, actor, "time_off.add", "time_off", row!.id, {
    clinicianId: input.clinicianId,
    startsAt: input.startsAt.toISOString(),
    endsAt: input.endsAt.toISOString(),
  });
  return row!;
}

export async function removeTimeOff(tx: Tx, actor: TimeOffActor, id: string) {
  const own = actor.role === "owner" ? undefined : eq(timeOff.clinicianId, actor.userId);
  const [row] = await tx
    .delete(timeOff)
    .where(and(eq(timeOff.clinicId, actor.clinicId), eq(timeOff.id, id), own))
    .returning();
  if (!row) {
    // Nothing was deleted; only the message depends on whether it was someone else's.
    const [other] = await tx
      .select({ id: timeOff.id })
      .from(timeOff)
      .where(and(eq(timeOff.clinicId, actor.clinicId), eq(timeOff.id, id)));
    throw other ? othersTimeOff() : notFound("That time off");
  }
  await audit(tx, actor, "time_off.remove", "time_off", id);
}

export async function setClinicianHours(
  tx: Tx,
  actor: Actor,
  input: { clinicianId: string; hours: WeeklyHours | null },
) {
  await assertClinician(tx, actor.clinicId, input.clinicianId);
  await tx
    .update(memberships)
    .set({ workingHours: input.hours })
    .where(and(eq(memberships.clinicId, actor.clinicId), eq(memberships.userId, input.clinicianId)));
  await audit(tx, actor, "clinician.set_hours", "membership", input.clinicianId, { hours: input.hours });
}
