// "Send payment link": a Stripe Checkout Session (payment mode) on the clinic's account for the
// amount asked (the balance by default), remembered as a payment_checkouts row (purpose balance)
// and emailed to the patient through the messages pipeline. The payment itself is written when
// Stripe reports checkout.session.completed (payment-webhook.ts). The form's key goes to Stripe,
// so a double click opens one session; its id is unique in payment_checkouts. Stripe metadata names
// the link (junction_link_id), never junction_checkout_id, which is a booking checkout's (webhook.ts).
// A link the front desk sends for an appointment's deposit or prepayment (desk-booking.ts) keeps the
// appointment on its row and says what it is for (junction_link_for), so the payment is recorded as
// that appointment's deposit, not as general credit.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { stripeClient } from "@/server/billing/config";
import { publicUrl } from "@/server/env";
import { DomainError, notFound } from "@/server/errors";
import { checkAmount, checkCurrency, clinicMoney, moneyLabel, requireCardPayments } from "./ledger-rows";
import { patientBalanceMinor } from "./patient-balance";
import { queuePaymentLinkEmail } from "./receipts";

const LINK_HOURS = 24;

export async function sendPaymentLink(
  tx: Tx,
  actor: { clinicId: string; userId: string; clinicSlug: string; clinicName: string },
  input: {
    patientId: string;
    amountMinor?: number;
    currency?: string;
    key: string;
    /** For an appointment's deposit or prepayment asked at booking (not a procedure input). */
    forAppointment?: { id: string; purpose: "deposit" | "prepayment" };
  },
  now = new Date(),
) {
  const { rows: found } = await tx.execute<{ email: string | null }>(
    sql`SELECT email FROM patients WHERE clinic_id = ${actor.clinicId} AND id = ${input.patientId}`,
  );
  if (!found[0]) throw notFound("That patient");
  if (!found[0].email?.trim())
    throw new DomainError("NO_EMAIL", "This patient has no email address. Add one to send a payment link.");
  const money = await clinicMoney(tx, actor.clinicId);
  checkCurrency(input.currency, money.currency);
  const account = requireCardPayments(money);
  const balance = await patientBalanceMinor(tx, actor.clinicId, input.patientId);
  const amount = input.amountMinor ?? balance;
  if (input.amountMinor === undefined && balance <= 0)
    throw new DomainError("NOTHING_OWED", "This patient owes nothing, so there is nothing to ask for.", "CONFLICT");
  checkAmount(amount, money);
  const expiresAt = new Date(now.getTime() + LINK_HOURS * 3_600_000);
  const checkoutId = crypto.randomUUID();
  const linkMetadata: Record<string, string> = {
    junction_link_id: checkoutId,
    junction_clinic_id: actor.clinicId,
    ...(input.forAppointment ? { junction_link_for: input.forAppointment.purpose } : {}),
  };
  let session;
  try {
    session = await stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: money.currency.toLowerCase(),
              unit_amount: amount,
              product_data: { name: `Payment to ${actor.clinicName}` },
            },
          },
        ],
        customer_email: found[0].email,
        expires_at: Math.floor(expiresAt.getTime() / 1000),
        success_url: new URL(`/book/${actor.clinicSlug}?paid=1`, publicUrl()).toString(),
        metadata: { ...linkMetadata, purpose: "balance" },
        payment_intent_data: { metadata: linkMetadata },
      },
      { stripeAccount: account, idempotencyKey: `junction-link:${actor.clinicId}:${input.key}` },
    );
  } catch {
    throw new DomainError("STRIPE_UNAVAILABLE", "Stripe did not answer, so no link was sent. Try again.", "CONFLICT");
  }
  if (!session.url) throw new Error(`Checkout session ${session.id} has no URL`);
  const inserted = await tx.execute<{ id: string }>(sql`
    INSERT INTO payment_checkouts (clinic_id, id, patient_id, appointment_id, purpose, amount_minor, currency,
                                   stripe_account_id, stripe_checkout_session_id, expires_at)
    VALUES (${actor.clinicId},
            ${String(session.metadata?.junction_link_id ?? session.metadata?.junction_checkout_id ?? checkoutId)},
            ${input.patientId}, ${input.forAppointment?.id ?? null}, 'balance', ${amount}, ${money.currency}, ${account},
            ${session.id}, ${expiresAt})
    ON CONFLICT DO NOTHING RETURNING id`);
  const id = inserted.rows[0]?.id;
  if (id) {
    await queuePaymentLinkEmail(tx, {
      clinicId: actor.clinicId,
      patientId: input.patientId,
      checkoutId: id,
      url: session.url,
      amountMinor: amount,
      currency: money.currency,
    });
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: "payment.sendLink",
      entity: "payment_checkout",
      entityId: id,
      details: { amountMinor: amount, currency: money.currency },
      patientIds: [input.patientId],
    });
  }
  return { sent: true, repeated: !id, amountLabel: moneyLabel(amount, money), to: found[0].email };
}
