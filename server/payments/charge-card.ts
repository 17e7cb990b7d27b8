// Charging the patient's saved card off-session (the patient is not there to confirm), as a direct
// charge on the clinic's connected account. Exactly once per idempotency key: the ledger row is
// inserted first under its unique key, so a double click's second request waits for the first and
// then finds its row; Stripe gets the same key, so a retry after a lost answer charges nothing new.
// A decline is an answer, not an error: the failed attempt is kept (with Stripe's decline in plain
// words) and the front desk sees why; a new attempt is a new key.
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Tx } from "@/db/client";
import { stripeClient } from "@/server/billing/config";
import { DomainError } from "@/server/errors";
import { declineWords } from "./decline-words";
import { insertLedgerRow, settleLedgerRow, type LedgerRow, type PaymentKind } from "./ledger-rows";
import { queueReceipt } from "./receipts";

export type SavedCard = {
  id: string;
  stripePaymentMethodId: string;
  stripeCustomerId: string;
  brand: string | null;
  last4: string | null;
};

/** The patient's card on file on this account (the newest one not removed), or null. */
export async function cardOnFile(
  tx: Tx,
  clinicId: string,
  patientId: string,
  account: string,
): Promise<SavedCard | null> {
  const { rows } = await tx.execute<SavedCard>(sql`
    SELECT id, stripe_payment_method_id AS "stripePaymentMethodId", stripe_customer_id AS "stripeCustomerId", brand, last4
      FROM patient_payment_methods
     WHERE clinic_id = ${clinicId} AND patient_id = ${patientId} AND stripe_account_id = ${account} AND removed_at IS NULL
     ORDER BY created_at DESC LIMIT 1`);
  return rows[0] ?? null;
}

/**
 * The card the front desk saw when it clicked: still on file? A card removed since (or never the
 * patient's) is refused in words, before anything reaches Stripe.
 */
export async function requireCard(
  tx: Tx,
  clinicId: string,
  patientId: string,
  account: string,
  expectedCardId: string | undefined,
): Promise<SavedCard> {
  const card = await cardOnFile(tx, clinicId, patientId, account);
  if (!card)
    throw new DomainError(
      "NO_CARD",
      "This patient has no card on file. Record another payment or send a payment link.",
      "CONFLICT",
    );
  if (expectedCardId && expectedCardId !== card.id)
    throw new DomainError(
      "CARD_REMOVED",
      "That card was removed from the patient's file. Reload to see the card on file now.",
      "CONFLICT",
    );
  return card;
}

export type ChargeOutcome = { payment: LedgerRow; repeated: boolean; declined: string | null };

/** One off-session charge of `card` for `amountMinor`, as a ledger row of `kind` (payment). */
export async function chargeSavedCard(
  tx: Tx,
  input: {
    clinicId: string;
    userId: string | null;
    patientId: string;
    appointmentId: string | null;
    account: string;
    card: SavedCard;
    amountMinor: number;
    currency: string;
    idempotencyKey: string;
    reason: string | null;
    kind?: PaymentKind;
  },
): Promise<ChargeOutcome> {
  const { row, created } = await insertLedgerRow(tx, {
    clinicId: input.clinicId,
    patientId: input.patientId,
    appointmentId: input.appointmentId,
    kind: input.kind ?? "payment",
    amountMinor: input.amountMinor,
    currency: input.currency,
    status: "pending",
    method: "card_on_file",
    paymentMethodId: input.card.id,
    stripeAccountId: input.account,
    idempotencyKey: input.idempotencyKey,
    reason: input.reason,
    createdBy: input.userId,
  });
  if (!created) {
    if (row.patientId !== input.patientId || row.amountMinor !== input.amountMinor)
      throw new DomainError(
        "KEY_REUSED",
        "That payment was already recorded differently. Reload the page.",
        "CONFLICT",
      );
    return { payment: row, repeated: true, declined: row.status === "failed" ? row.reason : null };
  }
  let intent: Stripe.PaymentIntent;
  try {
    intent = await stripeClient().paymentIntents.create(
      {
        amount: input.amountMinor,
        currency: input.currency.toLowerCase(),
        customer: input.card.stripeCustomerId,
        payment_method: input.card.stripePaymentMethodId,
        off_session: true,
        confirm: true,
        metadata: { junction_payment_id: row.id, junction_clinic_id: input.clinicId },
      },
      { stripeAccount: input.account, idempotencyKey: `junction-pay:${input.clinicId}:${input.idempotencyKey}` },
    );
  } catch (error) {
    if (error instanceof Stripe.errors.StripeCardError) {
      const words = declineWords(error.decline_code, error.code);
      const piId = (error.payment_intent as { id?: string } | undefined)?.id ?? null;
      await settleLedgerRow(tx, input.clinicId, row.id, { status: "failed", paymentIntentId: piId, reason: words });
      return { payment: { ...row, status: "failed", reason: words }, repeated: false, declined: words };
    }
    // Nothing is kept: the transaction rolls back and the same key may be tried again safely.
    throw new DomainError(
      "STRIPE_UNAVAILABLE",
      "Stripe did not answer, so we cannot tell whether the card was charged. Try again: the patient is never charged twice.",
      "CONFLICT",
    );
  }
  const status = intent.status === "succeeded" ? "succeeded" : intent.status === "canceled" ? "failed" : "pending";
  const chargeId = typeof intent.latest_charge === "string" ? intent.latest_charge : (intent.latest_charge?.id ?? null);
  await settleLedgerRow(tx, input.clinicId, row.id, { status, paymentIntentId: intent.id, chargeId });
  const payment = { ...row, status, stripePaymentIntentId: intent.id } as LedgerRow;
  if (status === "succeeded") await queueReceipt(tx, input.clinicId, payment);
  return { payment, repeated: false, declined: null };
}
