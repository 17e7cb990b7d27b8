// Reads what the availability engine needs for one clinic and range, in one transaction.
import { and, asc, eq, gt, inArray, lt, ne } from "drizzle-orm";
import { serially, type Tx } from "@/db/client";
import { appointments, appointmentTypes, closures, memberships, timeOff, users, type AppointmentType } from "@/db/schema";
import { getClinic } from "@/server/clinic/settings";
import { DomainError } from "@/server/errors";
import type { AvailabilityInput } from "./availability";

export type BookingRules = AvailabilityInput["rules"];

/** The longest an appointment can block a clinician: 480 min + 240 min buffer (db checks). */
export const MAX_BLOCK_MS = 12 * 3_600_000;

/** Staff may book any 5-minute start up to a year ahead; patients follow the clinic's rules. */
export const STAFF_RULES: BookingRules = { granularityMinutes: 5, minNoticeMinutes: 0, maxAdvanceDays: 365 };

export async function listClinicians(tx: Tx, clinicId: string) {
  return tx
    .select({ id: users.id, name: users.name, workingHours: memberships.workingHours })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "clinician")))
    .orderBy(asc(users.name));
}

export async function getAppointmentType(tx: Tx, clinicId: string, typeId: string, opts: { online?: boolean } = {}): Promise<AppointmentType> {
  const [type] = await tx
    .select()
    .from(appointmentTypes)
    .where(and(eq(appointmentTypes.clinicId, clinicId), eq(appointmentTypes.id, typeId)));
  if (!type || !type.active || (opts.online && !type.onlineBookable)) {
    throw new DomainError("UNKNOWN_TYPE", "That appointment type is not offered.", "NOT_FOUND");
  }
  return type;
}

export async function loadAvailabilityInput(
  tx: Tx,
  clinicId: string,
  opts: { type: AppointmentType; from: Date; to: Date; now: Date; clinicianIds?: string[]; rules?: BookingRules; ignoreAppointmentId?: string },
): Promise<AvailabilityInput & { clinicianNames: Map<string, string> }> {
  const clinic = await getClinic(tx, clinicId);
  const all = await listClinicians(tx, clinicId);
  const chosen = opts.clinicianIds ? all.filter((c) => opts.clinicianIds!.includes(c.id)) : all;
  const ids = chosen.map((c) => c.id);
  // Appointments that could touch the range: anything blocking time after `from - 1 day`.
  const windowStart = new Date(opts.from.getTime() - 86_400_000);
  const windowEnd = new Date(opts.to.getTime() + 86_400_000);
  const [closureRows, offRows, busyRows] = await serially(
    () => tx.select().from(closures).where(and(eq(closures.clinicId, clinicId), lt(closures.startsAt, windowEnd), gt(closures.endsAt, windowStart))),
    () => ids.length
      ? tx.select().from(timeOff).where(and(eq(timeOff.clinicId, clinicId), inArray(timeOff.clinicianId, ids), lt(timeOff.startsAt, windowEnd), gt(timeOff.endsAt, windowStart)))
      : Promise.resolve([]),
    () => ids.length
      ? tx
          .select({ id: appointments.id, clinicianId: appointments.clinicianId, startsAt: appointments.startsAt, blockedUntil: appointments.blockedUntil })
          .from(appointments)
          .where(
            and(
              eq(appointments.clinicId, clinicId),
              inArray(appointments.clinicianId, ids),
              ne(appointments.status, "cancelled"),
              lt(appointments.startsAt, windowEnd),
              // No appointment blocks more than 12 h (types cap at 8 h + 4 h buffer): a lower bound
              // on starts_at lets the index skip the clinician's history.
              gt(appointments.startsAt, new Date(windowStart.getTime() - MAX_BLOCK_MS)),
              gt(appointments.blockedUntil, windowStart),
            ),
          )
      : Promise.resolve([]),);
  return {
    timeZone: clinic.timeZone,
    from: opts.from,
    to: opts.to,
    now: opts.now,
    clinicHours: clinic.openingHours,
    closures: closureRows.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt })),
    clinicians: chosen.map((c) => ({
      id: c.id,
      hours: c.workingHours ?? null,
      timeOff: offRows.filter((o) => o.clinicianId === c.id).map((o) => ({ startsAt: o.startsAt, endsAt: o.endsAt })),
      busy: busyRows
        .filter((a) => a.clinicianId === c.id && a.id !== opts.ignoreAppointmentId)
        .map((a) => ({ startsAt: a.startsAt, endsAt: a.blockedUntil })),
    })),
    type: { durationMinutes: opts.type.durationMinutes, bufferMinutes: opts.type.bufferMinutes },
    rules: opts.rules ?? {
      granularityMinutes: clinic.slotGranularityMinutes,
      minNoticeMinutes: clinic.minNoticeMinutes,
      maxAdvanceDays: clinic.maxAdvanceDays,
    },
    clinicianNames: new Map(chosen.map((c) => [c.id, c.name])),
  };
}
