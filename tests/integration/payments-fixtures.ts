// Patient payments tests: a clinic connected to Stripe (a row as account.updated would leave it),
// patients' saved cards on that account, appointments written as the calendar would, and Connect
// webhook deliveries (the event names the connected account). Start the Stripe double in
// vi.hoisted() first (see payments-after-visit.test.ts).
import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { appointments, appointmentTypes } from "@/db/schema";
import type { SeededClinic } from "../fixtures/clinic";
import { adminDb } from "../fixtures/db";
import type { StripeDouble } from "../fixtures/stripe-double";
import { deliver } from "./billing-fixtures";

const rand = () => randomBytes(6).toString("hex");

/** The clinic's connected account, able to take charges. */
export async function connectClinic(clinic: SeededClinic): Promise<string> {
  const account = `acct_${rand()}`;
  await adminDb().execute(sql`
    INSERT INTO clinic_payment_accounts (clinic_id, stripe_account_id, details_submitted, charges_enabled, payouts_enabled)
    VALUES (${clinic.id}, ${account}, true, true, true)`);
  return account;
}

/** Saves a card for the patient (Stripe's test card names decide how it behaves); its row id. */
export async function saveCard(clinic: SeededClinic, patientId: string, account: string, testCard = "pm_card_visa") {
  const customer = `cus_${rand()}`;
  await adminDb().execute(sql`
    INSERT INTO patient_stripe_customers (clinic_id, patient_id, stripe_account_id, stripe_customer_id)
    VALUES (${clinic.id}, ${patientId}, ${account}, ${customer}) ON CONFLICT DO NOTHING`);
  const { rows } = await adminDb().execute<{ id: string }>(sql`
    INSERT INTO patient_payment_methods (clinic_id, patient_id, stripe_account_id, stripe_customer_id,
      stripe_payment_method_id, brand, last4, exp_month, exp_year)
    VALUES (${clinic.id}, ${patientId}, ${account}, ${customer}, ${`${testCard}_${rand()}`}, 'visa', '4242', 12, 2030)
    RETURNING id`);
  return rows[0]!.id;
}

export async function removeCard(clinic: SeededClinic, cardId: string) {
  await adminDb().execute(
    sql`UPDATE patient_payment_methods SET removed_at = now() WHERE clinic_id = ${clinic.id} AND id = ${cardId}`,
  );
}

export async function setFees(clinic: SeededClinic, fees: { noShow?: number; lateCancel?: number; auto?: boolean }) {
  await adminDb().execute(sql`
    UPDATE clinics SET no_show_fee_minor = ${fees.noShow ?? null}, late_cancel_fee_minor = ${fees.lateCancel ?? null},
           auto_charge_fees = ${fees.auto ?? false} WHERE id = ${clinic.id}`);
}

/** The clinic's type of this name (seeded defaults: Initial evaluation 180.00, Follow-up …). */
export async function typeOf(clinic: SeededClinic, index = 0) {
  const types = await adminDb()
    .select()
    .from(appointmentTypes)
    .where(eq(appointmentTypes.clinicId, clinic.id))
    .orderBy(appointmentTypes.name);
  return types[index]!;
}

/** A booked appointment `hoursFromNow` away (negative: in the past) with the clinic's clinician. */
export async function appointment(clinic: SeededClinic, patientId: string, hoursFromNow: number, typeIndex = 0) {
  const type = await typeOf(clinic, typeIndex);
  const startsAt = new Date(Math.floor(Date.now() / 60_000) * 60_000 + hoursFromNow * 3_600_000);
  const endsAt = new Date(startsAt.getTime() + type.durationMinutes * 60_000);
  const [row] = await adminDb()
    .insert(appointments)
    .values({
      clinicId: clinic.id,
      clinicianId: clinic.clinician.id,
      patientId,
      typeId: type.id,
      startsAt,
      endsAt,
      blockedUntil: endsAt,
    })
    .returning({ id: appointments.id });
  return { id: row!.id, type };
}

export async function ledger(clinic: SeededClinic, where = sql`true`) {
  const { rows } = await adminDb().execute<{
    id: string;
    kind: string;
    status: string;
    amount_minor: number;
    method: string | null;
    reason: string | null;
    stripe_payment_intent_id: string | null;
    appointment_id: string | null;
  }>(sql`SELECT * FROM payments WHERE clinic_id = ${clinic.id} AND ${where} ORDER BY created_at, id`);
  return rows;
}

export async function receipts(clinic: SeededClinic) {
  const { rows } = await adminDb().execute<{ key: string; kind: string; details: Record<string, string> }>(
    sql`SELECT key, kind, details FROM messages WHERE clinic_id = ${clinic.id} AND kind IN ('payment_receipt', 'payment_link') ORDER BY created_at`,
  );
  return rows;
}

/** A Connect event (about the connected account) delivered to the webhook, signed by the double. */
export function deliverConnect(double: StripeDouble, account: string, type: string, object: unknown, id?: string) {
  const event = { ...double.event(type, object, id ? { id } : {}), account };
  return deliver(double, event);
}

export const appointmentStatus = async (clinic: SeededClinic, id: string) =>
  (
    await adminDb()
      .select()
      .from(appointments)
      .where(and(eq(appointments.clinicId, clinic.id), eq(appointments.id, id)))
  )[0]!;
