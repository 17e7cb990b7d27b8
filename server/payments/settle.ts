// Settling a booking checkout from what Stripe says about its session now (never from an event's
// payload): complete and paid → the payment in the ledger, the card saved, the held appointment
// booked and confirmed; expired → the hold released. Every write is idempotent (unique Stripe ids,
// the ledger's idempotency key, "WHERE status = 'pending_payment'"), so replays, duplicates and events
// in any order settle to the same state.
import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Tx } from "@/db/client";
import { appointments, patientPaymentMethods, paymentCheckouts, payments, type PaymentCheckout } from "@/db/schema";
import { recordAudit } from "@/server/audit";
import { queueAppointmentMessages } from "@/server/messages/queue";
import { onAccount, paymentsClient } from "./config";

export type Settlement = "confirmed" | "released" | "open";

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === "string" ? x : (x?.id ?? null));

/** The session with what settling needs expanded, read on the clinic's account. */
export function retrieveSession(checkout: PaymentCheckout): Promise<Stripe.Checkout.Session> {
  return paymentsClient().checkout.sessions.retrieve(
    checkout.stripeCheckoutSessionId!,
    { expand: ["payment_intent.payment_method", "setup_intent.payment_method"] },
    onAccount(checkout.stripeAccountId),
  );
}

async function saveCard(tx: Tx, checkout: PaymentCheckout, customer: string | null, pm: Stripe.PaymentMethod | null) {
  if (!pm || !customer) return null;
  await tx
    .insert(patientPaymentMethods)
    .values({
      clinicId: checkout.clinicId,
      patientId: checkout.patientId,
      stripeAccountId: checkout.stripeAccountId,
      stripeCustomerId: customer,
      stripePaymentMethodId: pm.id,
      brand: pm.card?.brand ?? null,
      last4: pm.card?.last4 ?? null,
      expMonth: pm.card?.exp_month ?? null,
      expYear: pm.card?.exp_year ?? null,
    })
    .onConflictDoNothing();
  const [row] = await tx
    .select({ id: patientPaymentMethods.id })
    .from(patientPaymentMethods)
    .where(
      and(
        eq(patientPaymentMethods.clinicId, checkout.clinicId),
        eq(patientPaymentMethods.stripeAccountId, checkout.stripeAccountId),
        eq(patientPaymentMethods.stripePaymentMethodId, pm.id),
      ),
    );
  return row?.id ?? null;
}

async function recordPayment(tx: Tx, checkout: PaymentCheckout, session: Stripe.Checkout.Session, now: Date) {
  const intent = session.payment_intent as Stripe.PaymentIntent | null;
  const pm = intent && typeof intent.payment_method === "object" ? intent.payment_method : null;
  const paymentMethodId = await saveCard(tx, checkout, idOf(session.customer), pm);
  await tx
    .insert(payments)
    .values({
      clinicId: checkout.clinicId,
      patientId: checkout.patientId,
      appointmentId: checkout.appointmentId,
      kind: checkout.purpose === "deposit" ? "deposit" : checkout.purpose === "prepayment" ? "prepayment" : "payment",
      amountMinor: session.amount_total ?? checkout.amountMinor!,
      currency: (session.currency ?? checkout.currency).toUpperCase(),
      status: "succeeded",
      method: "card_online",
      checkoutId: checkout.id,
      paymentMethodId,
      stripeAccountId: checkout.stripeAccountId,
      stripePaymentIntentId: idOf(intent),
      stripeChargeId: intent ? idOf(intent.latest_charge) : null,
      idempotencyKey: `checkout:${session.id}`,
      settledAt: now,
    })
    .onConflictDoNothing();
}

async function confirmAppointment(tx: Tx, checkout: PaymentCheckout, now: Date) {
  if (!checkout.appointmentId) return;
  const [booked] = await tx
    .update(appointments)
    .set({ status: "booked", holdExpiresAt: null, updatedAt: now })
    .where(
      and(
        eq(appointments.clinicId, checkout.clinicId),
        eq(appointments.id, checkout.appointmentId),
        eq(appointments.status, "pending_payment"),
      ),
    )
    .returning({ id: appointments.id });
  if (!booked) return;
  await recordAudit(tx, {
    clinicId: checkout.clinicId,
    actorUserId: null,
    action: "appointment.payment_confirmed",
    entity: "appointment",
    entityId: booked.id,
    details: { checkoutId: checkout.id, purpose: checkout.purpose },
  });
  await queueAppointmentMessages(tx, { clinicId: checkout.clinicId, appointmentId: booked.id, event: "booked" }, now);
}

/** Frees a held appointment whose payment was not completed (nothing happens to a confirmed one). */
export async function releaseHold(tx: Tx, checkout: PaymentCheckout, now: Date) {
  if (checkout.appointmentId) {
    const [released] = await tx
      .update(appointments)
      // hold_expires_at stays: the row is a hold that ran out, never a booking (the dashboard leaves it out).
      .set({ status: "cancelled", cancelReason: "Payment not completed", updatedAt: now })
      .where(
        and(
          eq(appointments.clinicId, checkout.clinicId),
          eq(appointments.id, checkout.appointmentId),
          eq(appointments.status, "pending_payment"),
        ),
      )
      .returning({ id: appointments.id });
    if (released)
      await recordAudit(tx, {
        clinicId: checkout.clinicId,
        actorUserId: null,
        action: "appointment.hold_released",
        entity: "appointment",
        entityId: released.id,
        details: { checkoutId: checkout.id },
      });
  }
  await tx
    .update(paymentCheckouts)
    .set({ status: "expired" })
    .where(
      and(
        eq(paymentCheckouts.clinicId, checkout.clinicId),
        eq(paymentCheckouts.id, checkout.id),
        eq(paymentCheckouts.status, "open"),
      ),
    );
}

/** Applies the session's current state to the checkout; what it came to. */
export async function settleCheckout(
  tx: Tx,
  checkout: PaymentCheckout,
  session: Stripe.Checkout.Session,
  now: Date,
): Promise<Settlement> {
  if (session.status === "expired") {
    await releaseHold(tx, checkout, now);
    return "released";
  }
  if (session.status !== "complete") return "open";
  if (session.mode === "payment") {
    if (session.payment_status !== "paid") return "open";
    await recordPayment(tx, checkout, session, now);
  } else {
    const intent = session.setup_intent as Stripe.SetupIntent | null;
    if (!intent || intent.status !== "succeeded") return "open";
    const pm = typeof intent.payment_method === "object" ? intent.payment_method : null;
    await saveCard(tx, checkout, idOf(session.customer), pm);
  }
  await confirmAppointment(tx, checkout, now);
  await tx
    .update(paymentCheckouts)
    .set({ status: "completed", completedAt: now })
    .where(and(eq(paymentCheckouts.clinicId, checkout.clinicId), eq(paymentCheckouts.id, checkout.id)));
  return "confirmed";
}
