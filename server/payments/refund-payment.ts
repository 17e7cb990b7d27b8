// Refunds, full or partial, always with a reason. The payment refunded is locked (FOR UPDATE) while
// its refunds are summed, so two refunds at once cannot together return more than was paid; the
// form's key makes a double submit one refund, and Stripe gets the same key. A card payment is
// refunded through Stripe on the clinic's account; cash and the like are recorded as given back.
// A clinic cancelling an appointment refunds its deposit and prepayment (refundAppointmentCredits).
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { stripeClient } from "@/server/billing/config";
import { DomainError, notFound } from "@/server/errors";
import { clinicMoney, insertLedgerRow, LEDGER_COLUMNS, moneyLabel, type LedgerRow } from "./ledger-rows";
import { queueReceipt } from "./receipts";

export async function patientExists(tx: Tx, clinicId: string, patientId: string): Promise<boolean> {
  const { rows } = await tx.execute(sql`SELECT 1 FROM patients WHERE clinic_id = ${clinicId} AND id = ${patientId}`);
  return rows.length > 0;
}

type Locked = LedgerRow & { refundedMinor: number };

async function lockCredit(tx: Tx, clinicId: string, paymentId: string): Promise<Locked> {
  const { rows } = await tx.execute<LedgerRow>(
    sql`SELECT ${LEDGER_COLUMNS} FROM payments WHERE clinic_id = ${clinicId} AND id = ${paymentId} FOR UPDATE`,
  );
  const row = rows[0];
  if (!row) throw notFound("That payment");
  const refunded = await tx.execute<{ n: number }>(sql`
    SELECT coalesce(sum(amount_minor), 0)::int AS n FROM payments
     WHERE clinic_id = ${clinicId} AND refund_of = ${paymentId} AND status IN ('pending', 'succeeded')`);
  return { ...row, refundedMinor: refunded.rows[0]?.n ?? 0 };
}

export async function refundPayment(
  tx: Tx,
  actor: { clinicId: string; userId: string | null },
  input: { paymentId: string; amountMinor?: number; currency?: string; reason: string; key: string },
): Promise<{ refund: LedgerRow; repeated: boolean }> {
  const paid = await lockCredit(tx, actor.clinicId, input.paymentId);
  const key = `refund:${input.key}`;
  const again = await tx.execute<LedgerRow>(
    sql`SELECT ${LEDGER_COLUMNS} FROM payments WHERE clinic_id = ${actor.clinicId} AND idempotency_key = ${key}`,
  );
  if (again.rows[0]) return { refund: again.rows[0], repeated: true };
  if (!["deposit", "prepayment", "payment"].includes(paid.kind))
    throw new DomainError("NOT_REFUNDABLE", "Only a payment can be refunded; change or void a charge instead.");
  if (paid.status !== "succeeded")
    throw new DomainError("NOT_PAID", "That payment did not go through, so there is nothing to refund.", "CONFLICT");
  if (input.currency && input.currency.toUpperCase() !== paid.currency)
    throw new DomainError("CURRENCY_MISMATCH", `That payment was in ${paid.currency}; refund it in ${paid.currency}.`);
  const left = paid.amountMinor - paid.refundedMinor;
  if (left <= 0) throw new DomainError("ALREADY_REFUNDED", "That payment is already fully refunded.", "CONFLICT");
  const amount = input.amountMinor ?? left;
  if (!Number.isInteger(amount) || amount <= 0)
    throw new DomainError("BAD_AMOUNT", "Enter an amount greater than zero.");
  if (amount > left) {
    const { locale } = await clinicMoney(tx, actor.clinicId);
    throw new DomainError(
      "REFUND_TOO_LARGE",
      `Only ${moneyLabel(left, { currency: paid.currency, locale })} of this payment is left to refund.`,
      "CONFLICT",
    );
  }
  const viaStripe = Boolean(paid.stripePaymentIntentId && paid.stripeAccountId);
  const { row } = await insertLedgerRow(tx, {
    clinicId: actor.clinicId,
    patientId: paid.patientId,
    appointmentId: paid.appointmentId,
    kind: "refund",
    amountMinor: amount,
    currency: paid.currency,
    status: viaStripe ? "pending" : "succeeded",
    method: paid.method,
    refundOf: paid.id,
    stripeAccountId: paid.stripeAccountId,
    stripePaymentIntentId: paid.stripePaymentIntentId,
    idempotencyKey: key,
    reason: input.reason,
    createdBy: actor.userId,
  });
  let refund = row;
  if (viaStripe) {
    let stripeRefund: Stripe.Refund;
    try {
      stripeRefund = await stripeClient().refunds.create(
        {
          payment_intent: paid.stripePaymentIntentId!,
          amount,
          reason: "requested_by_customer",
          metadata: { junction_payment_id: row.id, junction_clinic_id: actor.clinicId },
        },
        { stripeAccount: paid.stripeAccountId!, idempotencyKey: `junction-refund:${actor.clinicId}:${input.key}` },
      );
    } catch (error) {
      if (
        error instanceof Stripe.errors.StripeError &&
        error.type !== "StripeConnectionError" &&
        error.statusCode === 400
      )
        throw new DomainError("REFUND_REFUSED", `Stripe refused the refund: ${error.message}`, "CONFLICT");
      throw new DomainError(
        "STRIPE_UNAVAILABLE",
        "Stripe did not answer, so nothing was refunded yet. Try again: the refund is never made twice.",
        "CONFLICT",
      );
    }
    const status =
      stripeRefund.status === "succeeded" ? "succeeded" : stripeRefund.status === "failed" ? "failed" : "pending";
    await tx.execute(sql`
      UPDATE payments SET status = ${status}, stripe_refund_id = ${stripeRefund.id},
             settled_at = CASE WHEN ${status} = 'succeeded' THEN now() END, updated_at = now()
       WHERE clinic_id = ${actor.clinicId} AND id = ${row.id}`);
    refund = { ...row, status };
  }
  if (refund.status === "succeeded") await queueReceipt(tx, actor.clinicId, refund);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "payment.refund",
    entity: "payment",
    entityId: refund.id,
    details: { of: paid.id, amountMinor: amount, currency: paid.currency, reason: input.reason },
    patientIds: [paid.patientId],
  });
  return { refund, repeated: false };
}

/** A clinic's cancellation gives back what the patient paid ahead for that appointment. */
export async function refundAppointmentCredits(
  tx: Tx,
  actor: { clinicId: string; userId: string | null },
  appointmentId: string,
): Promise<number> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    SELECT id FROM payments
     WHERE clinic_id = ${actor.clinicId} AND appointment_id = ${appointmentId}
       AND kind IN ('deposit', 'prepayment') AND status = 'succeeded' ORDER BY created_at`);
  let refunded = 0;
  for (const { id } of rows) {
    const { repeated, refund } = await refundPayment(tx, actor, {
      paymentId: id,
      reason: "The clinic cancelled the appointment",
      key: `clinic-cancel:${id}`,
    }).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === "ALREADY_REFUNDED") return { repeated: true, refund: null };
      throw error;
    });
    if (!repeated && refund) refunded += refund.amountMinor;
  }
  return refunded;
}
