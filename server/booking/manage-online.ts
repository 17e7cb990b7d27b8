// What a patient can do from the "manage my appointment" link: see it, cancel it or move it,
// within the clinic's notice rules.
import { and, eq } from "drizzle-orm";
import { serially, type Db, type Tx } from "@/db/client";
import { patientMerges } from "@/db/schema";
import { verifyPatientLinkToken, type PatientLink } from "@/server/auth/patient-links";
import { getClinic } from "@/server/clinic/settings";
import { DomainError } from "@/server/errors";
import { formatInZone } from "@/server/scheduling/format";
import { getAppointmentType, listClinicians } from "@/server/scheduling/load-availability";
import { availableSlots, cancelAppointment, getAppointment, rescheduleAppointment } from "@/server/scheduling/manage";
import { withClinic } from "@/server/tenancy";
import { freeDays } from "./free-days";

/**
 * Whether a manage link was opened under the address of the clinic that signed it: false for
 * another clinic's slug (the page answers 404 rather than show the appointment under that clinic's
 * banner), null when the link itself does not verify (the page explains why).
 */
export async function manageLinkMatchesSlug(db: Db, token: string, slug: string): Promise<boolean | null> {
  let link: PatientLink;
  try {
    link = verifyPatientLinkToken(token, "appointment");
  } catch {
    return null;
  }
  return withClinic(db, link.clinicId, async (tx) => (await getClinic(tx, link.clinicId)).slug === slug).catch(
    () => false,
  );
}

/** The link's patient, or the chart it was merged into (a self-booked patient's link keeps working). */
async function isLinkPatient(tx: Tx, link: PatientLink, patientId: string): Promise<boolean> {
  if (patientId === link.patientId) return true;
  const [merged] = await tx
    .select({ into: patientMerges.intoPatientId })
    .from(patientMerges)
    .where(and(eq(patientMerges.clinicId, link.clinicId), eq(patientMerges.fromPatientId, link.patientId)));
  return merged?.into === patientId;
}

async function linkedAppointment(tx: Tx, link: PatientLink) {
  if (!link.ref) throw new DomainError("LINK_INVALID", "This link is not valid.", "UNAUTHORIZED");
  const appointment = await getAppointment(tx, link.clinicId, link.ref);
  if (!(await isLinkPatient(tx, link, appointment.patientId)))
    throw new DomainError("LINK_INVALID", "This link is not valid.", "UNAUTHORIZED");
  return appointment;
}

export async function getManagedAppointment(tx: Tx, link: PatientLink, now: Date) {
  const a = await linkedAppointment(tx, link);
  const [clinic, type, clinicians] = await serially(
    () => getClinic(tx, link.clinicId),
    () => getAppointmentType(tx, link.clinicId, a.typeId),
    () => listClinicians(tx, link.clinicId),
  );
  const changeable = a.status === "booked" && a.startsAt.getTime() - now.getTime() >= clinic.minNoticeMinutes * 60_000;
  return {
    id: a.id,
    status: a.status,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    typeId: a.typeId,
    typeName: type.name,
    clinicianId: a.clinicianId,
    clinicianName: clinicians.find((c) => c.id === a.clinicianId)?.name ?? "",
    whenLabel: formatInZone(a.startsAt, clinic.timeZone, clinic.locale),
    clinic: {
      name: clinic.name,
      slug: clinic.slug,
      phone: clinic.phone,
      timeZone: clinic.timeZone,
      locale: clinic.locale,
    },
    changeable,
    noticeHours: Math.round(clinic.minNoticeMinutes / 60),
  };
}

async function assertChangeable(tx: Tx, link: PatientLink, now: Date) {
  const view = await getManagedAppointment(tx, link, now);
  if (view.status !== "booked")
    throw new DomainError(
      "NOT_CHANGEABLE",
      `This appointment is ${view.status.replace("_", " ")} and can no longer be changed online.`,
      "CONFLICT",
    );
  if (!view.changeable) {
    throw new DomainError(
      "TOO_LATE",
      `Changes online close ${view.noticeHours} hours before the appointment. Please call ${view.clinic.name}${view.clinic.phone ? ` on ${view.clinic.phone}` : ""}.`,
      "CONFLICT",
    );
  }
  return view;
}

export async function cancelOnline(tx: Tx, link: PatientLink, now: Date) {
  await assertChangeable(tx, link, now);
  await cancelAppointment(
    tx,
    { clinicId: link.clinicId, userId: null },
    { id: link.ref!, reason: "Cancelled by the patient online" },
    now,
  );
  return getManagedAppointment(tx, link, now);
}

export async function rescheduleOnline(tx: Tx, link: PatientLink, startsAt: Date, now: Date) {
  const view = await assertChangeable(tx, link, now);
  const clinic = await getClinic(tx, link.clinicId);
  const rules = {
    granularityMinutes: clinic.slotGranularityMinutes,
    minNoticeMinutes: clinic.minNoticeMinutes,
    maxAdvanceDays: clinic.maxAdvanceDays,
  };
  await rescheduleAppointment(
    tx,
    { clinicId: link.clinicId, userId: null },
    { id: view.id, startsAt },
    { now, source: "online", rules },
  );
  return getManagedAppointment(tx, link, now);
}

export async function slotsForManagedAppointment(
  tx: Tx,
  link: PatientLink,
  range: { from: Date; to: Date },
  now: Date,
) {
  const a = await linkedAppointment(tx, link);
  // The free times are cut on the clinic's wall clock (free-ranges.ts), so its zone comes first.
  const clinic = await getClinic(tx, link.clinicId);
  return availableSlots(tx, clinic, { typeId: a.typeId, clinicianId: a.clinicianId, ...range }, { now, online: true });
}

/** The date strip for moving the appointment: free days with its clinician, a page at a time. */
export async function freeDaysForManagedAppointment(
  tx: Tx,
  link: PatientLink,
  input: { from: string; days: number },
  now: Date,
) {
  const a = await linkedAppointment(tx, link);
  return freeDays(tx, link.clinicId, { typeId: a.typeId, clinicianId: a.clinicianId, ...input }, now);
}
