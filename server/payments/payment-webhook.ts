// Stripe's reports about patient payments on a clinic's connected account: payment_intent.succeeded
// and .payment_failed, charge.refunded, and checkout.session.completed for an emailed payment link.
// Like the subscription webhook: the event id is stored (unique) in the transaction that applies
// it, so a replay does nothing; and state is re-read from Stripe, never taken from the payload, so
// events arriving late or out of order cannot move a payment backwards (succeeded is final).
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { stripeClient } from "@/server/billing/config";
import { insertLedgerRow, LEDGER_COLUMNS, settleLedgerRow, type LedgerRow, type PaymentStatus } from "./ledger-rows";
import { queueReceipt } from "./receipts";
import { otherClinicNamed } from "./webhook";

export const PAYMENT_EVENTS = new Set([
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "charge.refunded",
  "checkout.session.completed",
]);

type Answer = { status: number; body: { received?: true; ignored?: string } };
const ack = (ignored?: string): Answer => ({
  status: 200,
  body: ignored ? { received: true, ignored } : { received: true },
});
const idOf = (x: string | { id: string } | null | undefined) => (typeof x === "string" ? x : (x?.id ?? null));

/** Whether this delivery is about a patient payment (a Connect event this module applies). */
export function isPatientPaymentEvent(event: Stripe.Event): boolean {
  if (!PAYMENT_EVENTS.has(event.type) || !event.account) return false;
  if (event.type === "checkout.session.completed") {
    const session = event.data.object as Stripe.Checkout.Session;
    return session.mode === "payment" && session.metadata?.purpose === "balance";
  }
  return true;
}

const piStatus = (s: Stripe.PaymentIntent.Status): PaymentStatus =>
  s === "succeeded" ? "succeeded" : s === "canceled" || s === "requires_payment_method" ? "failed" : "pending";

async function paymentOfIntent(tx: Tx, clinicId: string, intent: Stripe.PaymentIntent): Promise<LedgerRow | null> {
  const byMeta = intent.metadata?.junction_payment_id ?? null;
  const { rows } = await tx.execute<LedgerRow>(sql`
    SELECT ${LEDGER_COLUMNS} FROM payments
     WHERE clinic_id = ${clinicId} AND kind <> 'refund'
       AND (stripe_payment_intent_id = ${intent.id} OR id::text = ${byMeta})
     LIMIT 1 FOR UPDATE`);
  return rows[0] ?? null;
}

async function applyIntent(tx: Tx, clinicId: string, account: string, id: string): Promise<string | null> {
  const intent = await stripeClient().paymentIntents.retrieve(id, {}, { stripeAccount: account });
  const row = await paymentOfIntent(tx, clinicId, intent);
  if (!row) {
    // Ours, but its row is not committed yet (the charging request is still open): Stripe retries.
    if (intent.metadata?.junction_payment_id)
      throw new Error(`Payment ${intent.metadata.junction_payment_id} not visible yet`);
    return "unknown payment"; // a link's payment (written by checkout.session.completed) or not ours
  }
  const status = piStatus(intent.status);
  const words = status === "failed" ? (intent.last_payment_error?.message ?? null) : null;
  const changed = await settleLedgerRow(tx, clinicId, row.id, {
    status,
    paymentIntentId: intent.id,
    chargeId: idOf(intent.latest_charge),
    reason: row.reason ? null : words,
  });
  if (changed && status === "succeeded") await queueReceipt(tx, clinicId, { ...row, status });
  return null;
}

async function applyRefunds(tx: Tx, clinicId: string, account: string, charge: Stripe.Charge): Promise<string | null> {
  const intentId = idOf(charge.payment_intent);
  if (!intentId) return "no payment intent";
  const { rows } = await tx.execute<LedgerRow>(sql`
    SELECT ${LEDGER_COLUMNS} FROM payments
     WHERE clinic_id = ${clinicId} AND stripe_payment_intent_id = ${intentId} AND kind <> 'refund' FOR UPDATE`);
  const paid = rows[0];
  if (!paid) return "unknown payment";
  const list = await stripeClient().refunds.list({ payment_intent: intentId, limit: 100 }, { stripeAccount: account });
  for (const refund of list.data) {
    const status: PaymentStatus =
      refund.status === "succeeded"
        ? "succeeded"
        : refund.status === "failed" || refund.status === "canceled"
          ? "failed"
          : "pending";
    const ours = refund.metadata?.junction_payment_id ?? null;
    const known = await tx.execute<LedgerRow>(sql`
      UPDATE payments SET stripe_refund_id = ${refund.id}, status = ${status},
             settled_at = CASE WHEN ${status} = 'succeeded' THEN coalesce(settled_at, now()) END, updated_at = now()
       WHERE clinic_id = ${clinicId} AND kind = 'refund'
         AND (stripe_refund_id = ${refund.id} OR (id::text = ${ours} AND stripe_refund_id IS NULL))
         AND status <> 'succeeded' AND status <> ${status}
      RETURNING ${LEDGER_COLUMNS}`);
    if (known.rows[0]) {
      if (status === "succeeded") await queueReceipt(tx, clinicId, known.rows[0]);
      continue;
    }
    if (ours || status !== "succeeded") continue; // ours and already up to date, or not final yet
    // A refund made in Stripe's dashboard: written once (its Stripe id and key are unique).
    const { row, created } = await insertLedgerRow(tx, {
      clinicId,
      patientId: paid.patientId,
      appointmentId: paid.appointmentId,
      kind: "refund",
      amountMinor: refund.amount,
      currency: refund.currency.toUpperCase(),
      status: "succeeded",
      method: paid.method,
      refundOf: paid.id,
      stripeAccountId: account,
      stripePaymentIntentId: intentId,
      stripeRefundId: refund.id,
      idempotencyKey: `stripe-refund:${refund.id}`,
      reason: "Refunded in Stripe",
    });
    if (created) await queueReceipt(tx, clinicId, row);
  }
  return null;
}

async function applyCheckout(
  tx: Tx,
  clinicId: string,
  account: string,
  session: Stripe.Checkout.Session,
): Promise<string | null> {
  const { rows } = await tx.execute<{
    id: string;
    patientId: string;
    appointmentId: string | null;
    currency: string;
    status: string;
  }>(sql`
    SELECT id, patient_id AS "patientId", appointment_id AS "appointmentId", currency, status FROM payment_checkouts
     WHERE clinic_id = ${clinicId} AND stripe_checkout_session_id = ${session.id} AND purpose = 'balance' FOR UPDATE`);
  const checkout = rows[0];
  if (!checkout) return "unknown checkout";
  const intentId = idOf(session.payment_intent);
  if (!intentId) return "no payment intent";
  const intent = await stripeClient().paymentIntents.retrieve(intentId, {}, { stripeAccount: account });
  if (intent.status !== "succeeded") return "not paid";
  if (intent.currency.toUpperCase() !== checkout.currency) return "currency mismatch";
  // A link sent for an appointment's deposit or prepayment pays that (the appointment is our row's;
  // what it is for, the intent's metadata as Stripe holds it). Older links and balance links: a payment.
  const linkFor = intent.metadata?.junction_link_for;
  const kind = checkout.appointmentId && (linkFor === "deposit" || linkFor === "prepayment") ? linkFor : "payment";
  const { row, created } = await insertLedgerRow(tx, {
    clinicId,
    patientId: checkout.patientId,
    appointmentId: checkout.appointmentId,
    kind,
    amountMinor: intent.amount_received,
    currency: checkout.currency,
    status: "succeeded",
    method: "card_online",
    checkoutId: checkout.id,
    stripeAccountId: account,
    stripePaymentIntentId: intent.id,
    stripeChargeId: idOf(intent.latest_charge),
    idempotencyKey: `checkout:${session.id}`,
    reason:
      kind === "payment"
        ? "Paid by emailed link"
        : `${kind === "deposit" ? "Deposit" : "Prepayment"} paid by emailed link`,
  });
  await tx.execute(sql`
    UPDATE payment_checkouts SET status = 'completed', completed_at = coalesce(completed_at, now())
     WHERE clinic_id = ${clinicId} AND id = ${checkout.id}`);
  if (created) await queueReceipt(tx, clinicId, row);
  return null;
}

/** Applies one verified Connect event about a patient payment; 200 once committed, throws to be retried. */
export async function handlePatientPaymentEvent(
  db: Db,
  event: Stripe.Event,
  log: (line: string) => void,
): Promise<Answer> {
  const account = event.account!;
  return db.transaction(async (tx): Promise<Answer> => {
    const owner = await tx.execute<{ clinic_id: string | null }>(
      sql`SELECT app_payments_clinic_of_account(${account}) AS clinic_id`,
    );
    const clinicId = owner.rows[0]?.clinic_id;
    if (!clinicId) {
      log(`${event.id} ${event.type} (${account}): refused, the account is no clinic's`);
      return ack("unknown account");
    }
    const named = otherClinicNamed(event, clinicId);
    if (named) {
      log(
        `${event.id} ${event.type} (${account}): refused, the account is clinic ${clinicId}'s but the metadata names clinic ${named}`,
      );
      return ack("another clinic's metadata");
    }
    await tx.execute(sql`SELECT set_config('app.clinic_id', ${clinicId}, true)`);
    const object = event.data.object as { id: string; payment_intent?: unknown };
    const subject = event.type.startsWith("payment_intent.")
      ? object.id
      : (idOf(object.payment_intent as string) ?? object.id);
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe-payment:${account}:${subject}`}, 0))`);
    const stored = await tx.execute(
      sql`INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    if (stored.rows.length === 0) {
      log(`${event.id} ${event.type}: already handled, acknowledged`);
      return ack("already handled");
    }
    let ignored: string | null;
    if (event.type === "charge.refunded")
      ignored = await applyRefunds(tx, clinicId, account, event.data.object as Stripe.Charge);
    else if (event.type === "checkout.session.completed")
      ignored = await applyCheckout(tx, clinicId, account, event.data.object as Stripe.Checkout.Session);
    else ignored = await applyIntent(tx, clinicId, account, object.id);
    await tx.execute(sql`UPDATE stripe_events SET processed_at = now() WHERE id = ${event.id}`);
    if (ignored) log(`${event.id} ${event.type}: ${ignored}, acknowledged`);
    return ack(ignored ?? undefined);
  });
}
