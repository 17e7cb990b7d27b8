// Patients booking themselves on /book/<slug>: only real free times, the clinic's own rules. Every
// booking creates a new patient marked self-booked, never attaching to a chart by email (knowing an
// address must not put anything into someone's chart, nor tell anything about it); the front desk
// keeps it or merges it into the matching chart (server/patients/merge.ts). The answer is the same
// whether the email was known or not. bookAppointment queues the confirmation email (calendar
// file, signed manage link) in the same transaction; the worker sends it.
import { eq, sql } from "drizzle-orm";
import { formatMoney, localeFor } from "@/app/_lib/money";
import type { Tx } from "@/db/client";
import { clinics, patients, type Appointment } from "@/db/schema";
import { createPatientLinkToken } from "@/server/auth/patient-links";
import { getClinic } from "@/server/clinic/settings";
import { DomainError, notFound } from "@/server/errors";
import { publicUrl } from "@/server/env";
import { openBookingCheckout } from "@/server/payments/checkout";
import { HOLD_MINUTES } from "@/server/payments/config";
import { chargeableAccount } from "@/server/payments/connect";
import { paymentFor } from "@/server/payments/policy";
import { bookAppointment } from "@/server/scheduling/book";
import { formatInZone } from "@/server/scheduling/format";
import { getAppointmentType, listClinicians } from "@/server/scheduling/load-availability";
import { availableSlots } from "@/server/scheduling/manage";
import type { ClinicRef } from "@/server/tenancy";

/** What the booking page shows of the clinic, its online types and its clinicians: one statement. */
export async function getPublicClinic(tx: Tx, clinic: ClinicRef) {
  const [row] = await tx
    .select({
      slug: clinics.slug,
      name: clinics.name,
      timeZone: clinics.timeZone,
      currency: clinics.currency,
      locale: clinics.locale,
      email: clinics.email,
      phone: clinics.phone,
      address: clinics.address,
      openingHours: clinics.openingHours,
      maxAdvanceDays: clinics.maxAdvanceDays,
      minNoticeMinutes: clinics.minNoticeMinutes,
      referralSources: clinics.referralSources,
      types: sql<{ id: string; name: string; durationMinutes: number; priceMinor: number }[]>`(
        SELECT coalesce(json_agg(json_build_object('id', t.id, 'name', t.name, 'durationMinutes', t.duration_minutes,
                                                   'priceMinor', t.price_minor) ORDER BY t.duration_minutes), '[]')
          FROM appointment_types t
         WHERE t.clinic_id = ${clinic.id} AND t.active AND t.online_bookable)`,
      clinicians: sql<{ id: string; name: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('id', m.user_id, 'name', u.name) ORDER BY u.name), '[]')
          FROM memberships m JOIN users u ON u.id = m.user_id
         WHERE m.clinic_id = ${clinic.id} AND m.takes_appointments)`,
    })
    .from(clinics)
    .where(eq(clinics.id, clinic.id));
  if (!row) throw notFound("The clinic");
  return row;
}

export function publicSlots(
  tx: Tx,
  clinic: ClinicRef,
  input: { typeId: string; clinicianId?: string; from: Date; to: Date },
  now: Date,
) {
  // booking.slots' last statement: it goes with the transaction's COMMIT (executeGeneric `last`)
  return availableSlots(tx, clinic, input, { now, online: true, last: true });
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
  // Paying at booking, when the clinic takes payments and the type asks for it (always a first visit online).
  const account = await chargeableAccount(tx, clinic.id);
  const payment = account ? paymentFor(type, true) : null;
  const holdUntil = payment ? new Date(now.getTime() + HOLD_MINUTES * 60_000) : undefined;
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
            clinic,
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
          { now, source: "online", rules, holdUntil },
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
  const whenLabel = formatInZone(appointment.startsAt, details.timeZone, details.locale);
  const manageUrl = `${publicUrl()}/book/${clinic.slug}/manage/${token}`;
  const checkout =
    payment && account
      ? await openBookingCheckout(tx, {
          account,
          currency: details.currency,
          appointment,
          typeName: type.name,
          patient,
          payment,
          successUrl: `${manageUrl}?payment=done`,
          cancelUrl: `${manageUrl}?payment=cancelled`,
        })
      : null;
  return {
    appointmentId: appointment.id,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    clinicianName,
    typeName: type.name,
    whenLabel,
    manageToken: token,
    /** Set when the patient pays (or saves a card) to confirm: the slot is held until holdExpiresAt. */
    payment: checkout && {
      url: checkout.url,
      purpose: checkout.purpose,
      amountLabel:
        checkout.amountMinor === null ? null : formatMoney(checkout.amountMinor, checkout.currency, localeFor(details)),
      holdExpiresAt: checkout.holdExpiresAt,
    },
  };
}
