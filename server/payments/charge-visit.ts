// The charge line of a visit: completing an appointment writes one (the type's price, in the
// clinic's currency), at most once per appointment (unique index payments_one_visit_charge);
// taking "completed" back voids it, completing again restores it. The front desk may change its
// amount with a reason, which the audit log keeps beside the old and new amounts.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { checkAmount, checkCurrency, clinicMoney, ledgerRow, type LedgerRow } from "./ledger-rows";

/** Writes (or restores) the visit charge of a just-completed appointment; nothing for a free type. */
export async function chargeCompletedVisit(tx: Tx, clinicId: string, appointmentId: string, userId: string | null) {
  await tx.execute(sql`
    INSERT INTO payments (clinic_id, patient_id, appointment_id, kind, amount_minor, currency, status, idempotency_key,
                          created_by, settled_at)
    SELECT a.clinic_id, a.patient_id, a.id, 'visit_charge', t.price_minor, c.currency, 'succeeded', 'visit:' || a.id,
           ${userId}, now()
      FROM appointments a
      JOIN appointment_types t ON t.clinic_id = a.clinic_id AND t.id = a.type_id
      JOIN clinics c ON c.id = a.clinic_id
     WHERE a.clinic_id = ${clinicId} AND a.id = ${appointmentId} AND t.price_minor > 0
    ON CONFLICT (clinic_id, idempotency_key) DO UPDATE SET status = 'succeeded', updated_at = now()
      WHERE payments.status = 'canceled'`);
}

/** An appointment taken back from "completed": its charge no longer stands. */
export async function voidVisitCharge(tx: Tx, clinicId: string, appointmentId: string) {
  await tx.execute(sql`
    UPDATE payments SET status = 'canceled', updated_at = now()
     WHERE clinic_id = ${clinicId} AND appointment_id = ${appointmentId} AND kind = 'visit_charge' AND status = 'succeeded'`);
}

/** The front desk changes a charge line's amount (a visit charge or a fee), with a reason. */
export async function editCharge(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: { id: string; amountMinor: number; currency?: string; reason: string },
): Promise<LedgerRow> {
  const row = await ledgerRow(tx, actor.clinicId, input.id);
  if (!row) throw notFound("That charge");
  if (row.kind !== "visit_charge" && row.kind !== "fee")
    throw new DomainError("NOT_A_CHARGE", "Only a visit charge or a fee can be changed; refund a payment instead.");
  if (row.status !== "succeeded") throw new DomainError("CHARGE_VOID", "That charge was voided.", "CONFLICT");
  const money = await clinicMoney(tx, actor.clinicId);
  checkCurrency(input.currency, row.currency);
  checkAmount(input.amountMinor, money);
  const { rows } = await tx.execute<{ id: string }>(sql`
    UPDATE payments SET amount_minor = ${input.amountMinor}, reason = ${input.reason}, updated_at = now()
     WHERE clinic_id = ${actor.clinicId} AND id = ${input.id} AND status = 'succeeded' RETURNING id`);
  if (!rows[0]) throw new DomainError("CHARGE_VOID", "That charge was voided.", "CONFLICT");
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "payment.editCharge",
    entity: "payment",
    entityId: row.id,
    details: { from: row.amountMinor, to: input.amountMinor, currency: row.currency, reason: input.reason },
    patientIds: [row.patientId],
  });
  return { ...row, amountMinor: input.amountMinor, reason: input.reason };
}
