// Patients booking themselves on /book/<slug>: only real free times, the clinic's own rules. Every
// booking creates a new patient marked self-booked, never attaching to a chart by email (knowing an
// address must not put anything into someone's chart, nor tell anything about it); the front desk
// keeps it or merges it into the matching chart (server/patients/merge.ts). The answer is the same
// whether the email was known or not. bookAppointment queues the confirmation email (calendar
// file, signed manage link) in the same transaction; the worker sends it.
import { and, asc, eq } from "drizzle-orm";
import { serially, type Tx } from "@/db/client";
import { appointmentTypes, clinics, patients, type Appointment } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { getClinic } from "@/server/clinic/settings";
import { DomainError } from "@/server/errors";
import { bookAppointment } from "@/server/scheduling/book";
import { formatInZone } from "@/server/scheduling/format";
import { getAppointmentType, listClinicians } from "@/server/scheduling/load-availability";
import { availableSlots } from "@/server/scheduling/manage";
import type { ClinicRef } from "@/server/tenancy";

export async function getPublicClinic(tx: Tx, clinic: ClinicRef) {
  const [details, types, clinicians] = await serially(
    () => getClinic(tx, clinic.id),
    () =>
      tx
        .select({
          id: appointmentTypes.id,
          name: appointmentTypes.name,
          durationMinutes: appointmentTypes.durationMinutes,
          priceMinor: appointmentTypes.priceMinor,
        })
        .from(appointmentTypes)
        .where(
          and(
            eq(appointmentTypes.clinicId, clinic.id),
            eq(appointmentTypes.active, true),
            eq(appointmentTypes.onlineBookable, true),
          ),
        )
        .orderBy(asc(appointmentTypes.durationMinutes)),
    () => listClinicians(tx, clinic.id),
  );
  return {
    slug: details.slug,
    name: details.name,
    timeZone: details.timeZone,
    email: details.email,
    phone: details.phone,
    address: details.address,
    openingHours: details.openingHours,
    maxAdvanceDays: details.maxAdvanceDays,
    minNoticeMinutes: details.minNoticeMinutes,
    referralSources: details.referralSources,
    types,
    clinicians: clinicians.map((c) => ({ id: c.id, name: c.name })),
  };
}

export function publicSlots(
  tx: Tx,
  clinic: ClinicRef,
  input: { typeId: string; clinicianId?: string; from: Date; to: Date },
  now: Date,
) {
  return availableSlots(tx, clinic.id, input, { now, online: true });
}

async function createSelfBookedPatient(
  tx: Tx,
  clinicId: string,
  p: { firstName: string; lastName: string; email: string; phone: string; referralSource?: string },
  now: Date,
  referralSources: readonly string[] = [],
) {
  const [created] = await tx
    .insert(patients)
    .values({
      clinicId,
      ...p,
      referralSource: p.referralSource && referralSources.includes(p.referralSource) ? p.referralSource : null,
      notes: "Booked online.",
      selfBookedAt: now,
    })
    .returning();
  return created!;
}

export function manageLinkToken(
  clinicId: string,
  a: Pick<Appointment, "id" | "patientId" | "endsAt">,
  now = new Date(),
) {
  const ttlSeconds = Math.max(3600, Math.round((a.endsAt.getTime() - now.getTime()) / 1000) + 86_400);
  return createPatientLinkToken({ clinicId, patientId: a.patientId, purpose: "appointment", ref: a.id, ttlSeconds });
}

export async function bookOnline(
  tx: Tx,
  clinic: ClinicRef,
  input: {
    typeId: string;
    clinicianId: string;
    startsAt: Date;
    firstName: string;
    lastName: string;
    email: string;
    phone: string;
    referralSource?: string;
  },
  now: Date,
) {
  const type = await getAppointmentType(tx, clinic.id, input.typeId, { online: true });
  const [{ referralSources } = { referralSources: [] }] = await tx
    .select({ referralSources: clinics.referralSources })
    .from(clinics)
    .where(eq(clinics.id, clinic.id));
  const patient = await createSelfBookedPatient(
    tx,
    clinic.id,
    {
      firstName: input.firstName,
      lastName: input.lastName,
      email: input.email,
      phone: input.phone,
      referralSource: input.referralSource,
    },
    now,
    referralSources,
  );
  const candidates =
    input.clinicianId === "any"
      ? (
          await availableSlots(
            tx,
            clinic.id,
            { typeId: type.id, from: input.startsAt, to: new Date(input.startsAt.getTime() + 60_000) },
            { now, online: true },
          )
        )
          .filter((s) => s.runs.length > 0)
          .map((s) => s.clinicianId)
      : [input.clinicianId];
  if (candidates.length === 0)
    throw new DomainError("SLOT_TAKEN", "That time is no longer free. Please pick another time.", "CONFLICT");
  const details = await getClinic(tx, clinic.id);
  const rules = {
    granularityMinutes: details.slotGranularityMinutes,
    minNoticeMinutes: details.minNoticeMinutes,
    maxAdvanceDays: details.maxAdvanceDays,
  };
  let appointment: Appointment | null = null;
  let lastError: unknown = null;
  for (const clinicianId of candidates) {
    try {
      appointment = await tx.transaction((sp) =>
        bookAppointment(
          sp,
          { clinicId: clinic.id, userId: null },
          { clinicianId, patientId: patient.id, typeId: type.id, startsAt: input.startsAt },
          { now, source: "online", rules },
        ),
      );
      break;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== "SLOT_TAKEN") throw error;
      lastError = error;
    }
  }
  if (!appointment) throw lastError;
  const clinicianName =
    (await listClinicians(tx, clinic.id)).find((c) => c.id === appointment.clinicianId)?.name ?? "your clinician";
  const token = manageLinkToken(clinic.id, appointment, now);
  const whenLabel = formatInZone(appointment.startsAt, details.timeZone);
  return {
    appointmentId: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    clinicianName,
    typeName: type.name,
    whenLabel,
    manageToken: token,
  };
}
