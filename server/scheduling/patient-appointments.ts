// A patient's appointments for their page: upcoming (soonest first) and past (latest first), with
// type, clinician and status. Cancelled ones stay listed, marked, so the front desk sees the story.
import { and, asc, desc, eq, gte, lt, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { appointments, appointmentTypes, patients, users } from "@/db/schema";
import { notFound } from "@/server/errors";

const PAST_SHOWN = 20;

function rows(tx: Tx) {
  return tx
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      source: appointments.source,
      cancelReason: appointments.cancelReason,
      patientId: appointments.patientId,
      clinicianId: appointments.clinicianId,
      clinicianName: users.name,
      typeName: appointmentTypes.name,
      typeColor: appointmentTypes.color,
    })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.clinicianId))
    .innerJoin(
      appointmentTypes,
      and(eq(appointmentTypes.clinicId, appointments.clinicId), eq(appointmentTypes.id, appointments.typeId)),
    );
}

export async function appointmentsForPatient(tx: Tx, clinicId: string, patientId: string, now: Date) {
  const [patient] = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(and(eq(patients.clinicId, clinicId), eq(patients.id, patientId)));
  if (!patient) throw notFound("That patient");
  const mine = and(eq(appointments.clinicId, clinicId), eq(appointments.patientId, patientId));
  const upcoming = await rows(tx)
    .where(and(mine, gte(appointments.endsAt, now)))
    .orderBy(asc(appointments.startsAt))
    .limit(50);
  const past = await rows(tx)
    .where(and(mine, lt(appointments.endsAt, now)))
    .orderBy(desc(appointments.startsAt))
    .limit(PAST_SHOWN);
  const [count] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(appointments)
    .where(and(mine, lt(appointments.endsAt, now)));
  return { upcoming, past, pastTotal: count?.n ?? 0 };
}
