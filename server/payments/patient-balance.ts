// A patient's balance and payment history. Balance = what they owe (visit charges, fees) − what
// they paid (deposits, prepayments, payments) + what was given back (refunds), over succeeded rows:
// positive means the patient owes the clinic, negative that the clinic holds credit for them.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { notFound } from "@/server/errors";

/** The signed sum of one row towards the balance (SQL, table alias p). */
export const BALANCE_SIGN = sql`CASE WHEN p.kind IN ('visit_charge', 'fee') THEN p.amount_minor
  WHEN p.kind = 'refund' THEN p.amount_minor ELSE -p.amount_minor END`;

export async function patientBalanceMinor(tx: Tx, clinicId: string, patientId: string): Promise<number> {
  const { rows } = await tx.execute<{ balance: number }>(sql`
    SELECT coalesce(sum(${BALANCE_SIGN}), 0)::int AS balance FROM payments p
     WHERE p.clinic_id = ${clinicId} AND p.patient_id = ${patientId} AND p.status = 'succeeded'`);
  return rows[0]?.balance ?? 0;
}

export type HistoryRow = {
  id: string;
  kind: string;
  amountMinor: number;
  currency: string;
  status: string;
  method: string | null;
  reason: string | null;
  refundOf: string | null;
  createdAt: string;
  appointmentId: string | null;
  appointmentStartsAt: string | null;
  appointmentStatus: string | null;
  typeName: string | null;
  /** For a succeeded credit: how much of it is refunded (or being refunded) so far. */
  refundedMinor: number;
  /** Refundable through Stripe (it has a PaymentIntent) or recorded by hand (cash, terminal, other). */
  viaStripe: boolean;
};

export type PatientPayments = {
  patientId: string;
  currency: string;
  balanceMinor: number;
  card: {
    id: string;
    brand: string | null;
    last4: string | null;
    expMonth: number | null;
    expYear: number | null;
  } | null;
  cardPayments: boolean;
  history: HistoryRow[];
};

/** Balance, the card on file and every ledger row of one patient, newest first. */
export async function patientPayments(tx: Tx, clinicId: string, patientId: string): Promise<PatientPayments> {
  const { rows } = await tx.execute<Omit<PatientPayments, "history"> & { history: HistoryRow[] | null }>(sql`
    SELECT pt.id AS "patientId", c.currency,
      (SELECT coalesce(sum(${BALANCE_SIGN}), 0)::int FROM payments p
        WHERE p.clinic_id = pt.clinic_id AND p.patient_id = pt.id AND p.status = 'succeeded') AS "balanceMinor",
      (a.charges_enabled AND a.disconnected_at IS NULL) IS TRUE AS "cardPayments",
      (SELECT json_build_object('id', m.id, 'brand', m.brand, 'last4', m.last4, 'expMonth', m.exp_month, 'expYear', m.exp_year)
         FROM patient_payment_methods m
        WHERE m.clinic_id = pt.clinic_id AND m.patient_id = pt.id AND m.removed_at IS NULL
          AND m.stripe_account_id = a.stripe_account_id
        ORDER BY m.created_at DESC LIMIT 1) AS card,
      (SELECT json_agg(h ORDER BY h."createdAt" DESC, h.id) FROM (
         SELECT p.id, p.kind, p.amount_minor AS "amountMinor", p.currency, p.status, p.method, p.reason,
                p.refund_of AS "refundOf", p.created_at AS "createdAt", p.appointment_id AS "appointmentId",
                ap.starts_at AS "appointmentStartsAt", ap.status AS "appointmentStatus", t.name AS "typeName",
                coalesce((SELECT sum(r.amount_minor) FROM payments r WHERE r.clinic_id = p.clinic_id AND r.refund_of = p.id
                           AND r.status IN ('pending', 'succeeded')), 0)::int AS "refundedMinor",
                p.stripe_payment_intent_id IS NOT NULL AS "viaStripe"
           FROM payments p
           LEFT JOIN appointments ap ON ap.clinic_id = p.clinic_id AND ap.id = p.appointment_id
           LEFT JOIN appointment_types t ON t.clinic_id = ap.clinic_id AND t.id = ap.type_id
          WHERE p.clinic_id = pt.clinic_id AND p.patient_id = pt.id) h) AS history
      FROM patients pt
      JOIN clinics c ON c.id = pt.clinic_id
      LEFT JOIN clinic_payment_accounts a ON a.clinic_id = pt.clinic_id
     WHERE pt.clinic_id = ${clinicId} AND pt.id = ${patientId}`);
  const row = rows[0];
  if (!row) throw notFound("That patient");
  return { ...row, history: row.history ?? [] };
}
