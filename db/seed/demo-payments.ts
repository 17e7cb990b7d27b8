// The demo clinic's past visits as the ledger would have them, so the owner's revenue is not a row of
// zeros: every completed visit (the history's, demo-history.ts, and today's, demo-week.ts) is charged at
// its type's price on the day it happened, the way completing a visit charges it
// (server/payments/charge-visit.ts). Most were
// paid at the desk that day (card terminal or cash), some a week later by bank transfer, a few are
// still owed, and one payment was partly refunded. Ledger rows only: no receipt emails (nothing lands
// in the dev outbox), no Stripe. Deterministic, and added once: skipped when the clinic has any payment.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";

type Visit = { id: string; patient_id: string; price_minor: number; currency: string; ended_at: Date };

/** How visits were paid, in turn (by start time): by card or in cash that day, or by bank transfer a week later. */
const PLAN = ["card_terminal", "cash", "card_terminal", "card_terminal", "bank_transfer", "card_terminal", "cash"];
/** Every 20th visit is still owed. */
const UNPAID_EVERY = 20;

export async function seedDemoPayments(tx: Tx, clinicId: string, now: Date): Promise<void> {
  const any = await tx.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM payments WHERE clinic_id = ${clinicId}`,
  );
  if ((any.rows[0]?.n ?? 0) > 0) return;
  const { rows: visits } = await tx.execute<Visit>(sql`
    SELECT a.id, a.patient_id, t.price_minor, c.currency, a.ends_at AS ended_at
      FROM appointments a
      JOIN appointment_types t ON t.clinic_id = a.clinic_id AND t.id = a.type_id
      JOIN clinics c ON c.id = a.clinic_id
     WHERE a.clinic_id = ${clinicId} AND a.status = 'completed' AND a.ends_at <= ${now.toISOString()}::timestamptz
       AND t.price_minor > 0
     ORDER BY a.starts_at, a.id`);
  let refunded = false;
  for (const [i, v] of visits.entries()) {
    const ended = new Date(v.ended_at);
    await ledgerRow(tx, clinicId, v, { kind: "visit_charge", key: `visit:${v.id}`, at: ended, method: null });
    if ((i + 1) % UNPAID_EVERY === 0) continue; // still owed
    const method = PLAN[i % PLAN.length]!;
    // a transfer arrives a week later, unless that is still ahead (then it is owed too)
    const paidAt = method === "bank_transfer" ? new Date(ended.getTime() + 7 * 86_400_000) : ended;
    if (paidAt > now) continue;
    const payment = await ledgerRow(tx, clinicId, v, { kind: "payment", key: `demo-pay:${v.id}`, at: paidAt, method });
    if (!refunded && method === "card_terminal" && i >= visits.length / 2) {
      // one session cut short: half of it given back the next day
      refunded = true;
      const next = new Date(paidAt.getTime() + 86_400_000);
      if (next <= now)
        await ledgerRow(
          tx,
          clinicId,
          { ...v, price_minor: Math.round(v.price_minor / 2) },
          {
            kind: "refund",
            key: `demo-refund:${v.id}`,
            at: next,
            method,
            refundOf: payment,
            reason: "Session cut short",
          },
        );
    }
  }
}

/**
 * One succeeded ledger row written at `at` (the triggers fill in the appointment's clinician and type, and the
 * balance). Its own INSERT, not insertLedgerRow (server/payments/ledger-rows.ts), which stamps a row with now():
 * the app never backdates the ledger, history has to.
 */
async function ledgerRow(
  tx: Tx,
  clinicId: string,
  v: Visit,
  row: { kind: string; key: string; at: Date; method: string | null; refundOf?: string; reason?: string },
): Promise<string> {
  const at = row.at.toISOString();
  const { rows } = await tx.execute<{ id: string }>(sql`
    INSERT INTO payments (clinic_id, patient_id, appointment_id, kind, amount_minor, currency, status, method, refund_of,
                          idempotency_key, reason, created_at, updated_at, settled_at)
    VALUES (${clinicId}, ${v.patient_id}, ${v.id}, ${row.kind}, ${v.price_minor}, ${v.currency}, 'succeeded', ${row.method},
            ${row.refundOf ?? null}, ${row.key}, ${row.reason ?? null}, ${at}::timestamptz, ${at}::timestamptz, ${at}::timestamptz)
    RETURNING id`);
  return rows[0]!.id;
}
