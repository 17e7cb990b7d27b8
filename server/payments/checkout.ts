// Paying at booking through a Stripe-hosted Checkout Session on the clinic's connected account
// (direct charge; Stripe's page handles 3-D Secure). Setup mode saves a card for off-session use;
// payment mode takes the deposit or the full price (and keeps the card for later charges). The
// appointment is already held (status pending_payment); payment_checkouts remembers which session
// holds it. Stripe is called inside the booking's transaction, so a failed call leaves no hold behind;
// a session whose transaction then fails is never shown to anyone and expires at Stripe.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { patientStripeCustomers, paymentCheckouts, type Appointment, type ClinicPaymentAccount } from "@/db/schema";
import { CHECKOUT_LIFETIME_MINUTES, onAccount, paymentsClient } from "./config";
import type { BookingPayment } from "./policy";

const MINUTE = 60_000;

type Patient = { id: string; email: string | null; firstName: string; lastName: string };

/** The patient's Customer on the clinic's account, created once (idempotency key and primary key). */
async function ensurePatientCustomer(tx: Tx, account: ClinicPaymentAccount, patient: Patient): Promise<string> {
  const [found] = await tx
    .select({ id: patientStripeCustomers.stripeCustomerId })
    .from(patientStripeCustomers)
    .where(
      and(
        eq(patientStripeCustomers.clinicId, account.clinicId),
        eq(patientStripeCustomers.patientId, patient.id),
        eq(patientStripeCustomers.stripeAccountId, account.stripeAccountId),
      ),
    );
  if (found) return found.id;
  const customer = await paymentsClient().customers.create(
    {
      email: patient.email ?? undefined,
      name: `${patient.firstName} ${patient.lastName}`,
      metadata: { junction_patient_id: patient.id },
    },
    onAccount(account.stripeAccountId, `junction-patient:${account.clinicId}:${patient.id}`),
  );
  await tx
    .insert(patientStripeCustomers)
    .values({
      clinicId: account.clinicId,
      patientId: patient.id,
      stripeAccountId: account.stripeAccountId,
      stripeCustomerId: customer.id,
    })
    .onConflictDoNothing();
  return customer.id;
}

export type OpenedCheckout = {
  checkoutId: string;
  url: string;
  purpose: BookingPayment["purpose"];
  amountMinor: number | null;
  currency: string;
  holdExpiresAt: Date;
};

/** Opens the Checkout Session that pays for (or saves a card for) a held appointment. */
export async function openBookingCheckout(
  tx: Tx,
  input: {
    account: ClinicPaymentAccount;
    currency: string;
    appointment: Appointment;
    typeName: string;
    patient: Patient;
    payment: BookingPayment;
    /** Where Stripe sends the patient back; {CHECKOUT_SESSION_ID} is filled in by Stripe. */
    successUrl: string;
    cancelUrl: string;
  },
): Promise<OpenedCheckout> {
  const { account, appointment, payment } = input;
  const holdExpiresAt = appointment.holdExpiresAt!;
  const customer = await ensurePatientCustomer(tx, account, input.patient);
  const [row] = await tx
    .insert(paymentCheckouts)
    .values({
      clinicId: account.clinicId,
      patientId: input.patient.id,
      appointmentId: appointment.id,
      purpose: payment.purpose,
      amountMinor: payment.amountMinor,
      currency: input.currency,
      stripeAccountId: account.stripeAccountId,
      expiresAt: holdExpiresAt,
    })
    .returning({ id: paymentCheckouts.id });
  const checkoutId = row!.id;
  const metadata = { junction_checkout_id: checkoutId, junction_appointment_id: appointment.id };
  const currency = input.currency.toLowerCase();
  const common = {
    customer,
    client_reference_id: checkoutId,
    metadata,
    success_url: input.successUrl,
    cancel_url: input.cancelUrl,
    // Stripe's minimum lifetime; the release job expires it at the end of the hold.
    expires_at: Math.floor((Date.now() + CHECKOUT_LIFETIME_MINUTES * MINUTE) / 1000),
  };
  const label = payment.purpose === "deposit" ? `Deposit: ${input.typeName}` : input.typeName;
  const fee =
    payment.amountMinor && account.platformFeeBps > 0
      ? Math.floor((payment.amountMinor * account.platformFeeBps) / 10_000)
      : 0;
  const session = await paymentsClient().checkout.sessions.create(
    payment.purpose === "card_on_file"
      ? { ...common, mode: "setup", currency, setup_intent_data: { metadata } }
      : {
          ...common,
          mode: "payment",
          line_items: [
            { quantity: 1, price_data: { currency, unit_amount: payment.amountMinor!, product_data: { name: label } } },
          ],
          payment_intent_data: {
            metadata,
            setup_future_usage: "off_session",
            ...(fee > 0 ? { application_fee_amount: fee } : {}),
          },
        },
    onAccount(account.stripeAccountId, `junction-checkout:${checkoutId}`),
  );
  await tx
    .update(paymentCheckouts)
    .set({ stripeCheckoutSessionId: session.id })
    .where(and(eq(paymentCheckouts.clinicId, account.clinicId), eq(paymentCheckouts.id, checkoutId)));
  return {
    checkoutId,
    url: session.url!,
    purpose: payment.purpose,
    amountMinor: payment.amountMinor,
    currency: input.currency,
    holdExpiresAt,
  };
}
