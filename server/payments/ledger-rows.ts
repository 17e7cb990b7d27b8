// The after-visit side of the payments ledger (table payments, 0030/0031): one place that writes a
// row, keyed so that a replay writes nothing (ON CONFLICT on the clinic's idempotency key and on
// every Stripe id), and the checks every money entry point shares (amount, currency, the clinic's
// connected account). Amounts are integers in the minor units of the clinic's currency.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { formatMoney, localeFor } from "@/app/_lib/money";
import { DomainError } from "@/server/errors";

export const CHARGE_KINDS = ["visit_charge", "fee"] as const;
export const CREDIT_KINDS = ["deposit", "prepayment", "payment"] as const;
export type PaymentKind = (typeof CHARGE_KINDS)[number] | (typeof CREDIT_KINDS)[number] | "refund";
export type PaymentStatus = "pending" | "succeeded" | "failed" | "canceled";
export type PaymentMethod = "card_online" | "card_on_file" | "card_terminal" | "cash" | "bank_transfer" | "other";

/** The largest amount one entry may carry, in minor units (the schema's check says the same). */
export const MAX_AMOUNT_MINOR = 10_000_000;

export type LedgerRow = {
  id: string;
  patientId: string;
  appointmentId: string | null;
  kind: PaymentKind;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  method: PaymentMethod | null;
  refundOf: string | null;
  reason: string | null;
  idempotencyKey: string;
  stripePaymentIntentId: string | null;
  stripeAccountId: string | null;
  createdAt: Date;
};

export const LEDGER_COLUMNS = sql`id, patient_id AS "patientId", appointment_id AS "appointmentId", kind,
  amount_minor AS "amountMinor", currency, status, method, refund_of AS "refundOf", reason,
  idempotency_key AS "idempotencyKey", stripe_payment_intent_id AS "stripePaymentIntentId",
  stripe_account_id AS "stripeAccountId", created_at AS "createdAt"`;

export type NewRow = {
  clinicId: string;
  patientId: string;
  appointmentId?: string | null;
  kind: PaymentKind;
  amountMinor: number;
  currency: string;
  status: PaymentStatus;
  method?: PaymentMethod | null;
  refundOf?: string | null;
  paymentMethodId?: string | null;
  checkoutId?: string | null;
  stripeAccountId?: string | null;
  stripePaymentIntentId?: string | null;
  stripeChargeId?: string | null;
  stripeRefundId?: string | null;
  idempotencyKey: string;
  reason?: string | null;
  createdBy?: string | null;
};

const fromDb = (row: LedgerRow): LedgerRow => ({ ...row, createdAt: new Date(row.createdAt) });

/**
 * Inserts the row unless its idempotency key (or one of its Stripe ids, or the one-charge-per-visit
 * and one-fee-per-appointment indexes) is taken. A concurrent writer of the same key waits for the
 * first to commit, then writes nothing: `created` false and the row that won.
 */
export async function insertLedgerRow(tx: Tx, r: NewRow): Promise<{ row: LedgerRow; created: boolean }> {
  const inserted = await tx.execute<LedgerRow>(sql`
    INSERT INTO payments (clinic_id, patient_id, appointment_id, kind, amount_minor, currency, status, method,
      refund_of, payment_method_id, checkout_id, stripe_account_id, stripe_payment_intent_id, stripe_charge_id,
      stripe_refund_id, idempotency_key, reason, created_by, settled_at)
    VALUES (${r.clinicId}, ${r.patientId}, ${r.appointmentId ?? null}, ${r.kind}, ${r.amountMinor}, ${r.currency},
      ${r.status}, ${r.method ?? null}, ${r.refundOf ?? null}, ${r.paymentMethodId ?? null}, ${r.checkoutId ?? null},
      ${r.stripeAccountId ?? null}, ${r.stripePaymentIntentId ?? null}, ${r.stripeChargeId ?? null},
      ${r.stripeRefundId ?? null}, ${r.idempotencyKey}, ${r.reason ?? null}, ${r.createdBy ?? null},
      ${r.status === "succeeded" ? sql`now()` : null})
    ON CONFLICT DO NOTHING
    RETURNING ${LEDGER_COLUMNS}`);
  if (inserted.rows[0]) return { row: fromDb(inserted.rows[0]), created: true };
  const existing = await tx.execute<LedgerRow>(sql`
    SELECT ${LEDGER_COLUMNS} FROM payments
     WHERE clinic_id = ${r.clinicId}
       AND (idempotency_key = ${r.idempotencyKey}
         OR (${r.kind} IN ('visit_charge', 'fee') AND kind = ${r.kind} AND appointment_id = ${r.appointmentId ?? null})
         OR (stripe_payment_intent_id = ${r.stripePaymentIntentId ?? null} AND kind <> 'refund' AND ${r.kind} <> 'refund')
         OR stripe_refund_id = ${r.stripeRefundId ?? null})
     ORDER BY (idempotency_key = ${r.idempotencyKey}) DESC LIMIT 1`);
  const row = existing.rows[0];
  if (!row) throw new Error(`Ledger row ${r.idempotencyKey} conflicted but is not visible`);
  return { row: fromDb(row), created: false };
}

export async function ledgerRow(tx: Tx, clinicId: string, id: string): Promise<LedgerRow | null> {
  const { rows } = await tx.execute<LedgerRow>(
    sql`SELECT ${LEDGER_COLUMNS} FROM payments WHERE clinic_id = ${clinicId} AND id = ${id}`,
  );
  return rows[0] ? fromDb(rows[0]) : null;
}

/** Sets a row's outcome; a succeeded row never moves back (Stripe's succeeded is final). */
export async function settleLedgerRow(
  tx: Tx,
  clinicId: string,
  id: string,
  outcome: { status: PaymentStatus; paymentIntentId?: string | null; chargeId?: string | null; reason?: string | null },
): Promise<boolean> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE payments SET status = ${outcome.status},
           stripe_payment_intent_id = coalesce(${outcome.paymentIntentId ?? null}, stripe_payment_intent_id),
           stripe_charge_id = coalesce(${outcome.chargeId ?? null}, stripe_charge_id),
           reason = coalesce(${outcome.reason ?? null}, reason),
           settled_at = CASE WHEN ${outcome.status} = 'succeeded' THEN now() ELSE settled_at END,
           updated_at = now()
     WHERE clinic_id = ${clinicId} AND id = ${id} AND status <> 'succeeded'
       AND (status <> ${outcome.status}
         OR stripe_payment_intent_id IS DISTINCT FROM coalesce(${outcome.paymentIntentId ?? null}, stripe_payment_intent_id))
    RETURNING id`);
  return rows.length > 0;
}

/** Refuses amounts no clinic would mean: zero or less, fractions, or more than the cap (written in the clinic's locale). */
export function checkAmount(amountMinor: number, money: Pick<ClinicMoney, "currency" | "locale">) {
  if (!Number.isInteger(amountMinor) || amountMinor <= 0)
    throw new DomainError("BAD_AMOUNT", "Enter an amount greater than zero.");
  if (amountMinor > MAX_AMOUNT_MINOR)
    throw new DomainError(
      "AMOUNT_TOO_LARGE",
      `That amount is larger than one payment can be (${formatMoney(MAX_AMOUNT_MINOR, money.currency, money.locale)}). Check the amount.`,
    );
}

export type ClinicMoney = {
  currency: string;
  /** The clinic's locale, for every amount written to a person (formatMoney's third argument). */
  locale: string;
  account: string | null;
  noShowFee: number | null;
  lateCancelFee: number | null;
  autoCharge: boolean;
  lateCancelHours: number;
};

/** The clinic's currency and locale, fee policy, and its connected account while it can take card payments. */
export async function clinicMoney(tx: Tx, clinicId: string): Promise<ClinicMoney> {
  const { rows } = await tx.execute<ClinicMoney>(sql`
    SELECT c.currency, c.locale, c.no_show_fee_minor AS "noShowFee", c.late_cancel_fee_minor AS "lateCancelFee",
           c.auto_charge_fees AS "autoCharge", c.late_cancel_hours AS "lateCancelHours",
           CASE WHEN a.charges_enabled AND a.disconnected_at IS NULL THEN a.stripe_account_id END AS account
      FROM clinics c LEFT JOIN clinic_payment_accounts a ON a.clinic_id = c.id
     WHERE c.id = ${clinicId}`);
  if (!rows[0]) throw new Error(`Clinic ${clinicId} is not visible`);
  return { ...rows[0], locale: localeFor(rows[0]) };
}

/** An amount as the clinic writes it ("£50.00" in en-GB): every message to a person goes through this. */
export const moneyLabel = (amountMinor: number, money: Pick<ClinicMoney, "currency" | "locale">) =>
  formatMoney(amountMinor, money.currency, money.locale);

/** The currency a request names must be the clinic's (a form left open across a change, a forged call). */
export function checkCurrency(requested: string | undefined, clinicCurrency: string) {
  if (requested && requested.toUpperCase() !== clinicCurrency.toUpperCase())
    throw new DomainError(
      "CURRENCY_MISMATCH",
      `This clinic takes payments in ${clinicCurrency}, not ${requested.toUpperCase()}. Reload the page and try again.`,
    );
}

export function requireCardPayments(money: ClinicMoney): string {
  if (!money.account)
    throw new DomainError(
      "PAYMENTS_OFF",
      "Card payments are not set up for this clinic yet. An owner can connect Stripe in the clinic settings.",
      "CONFLICT",
    );
  return money.account;
}
