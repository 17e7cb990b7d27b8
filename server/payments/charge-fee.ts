// No-show and late-cancellation fees, charged to the card on file. The fee is a charge line (at
// most one per appointment: unique index payments_one_fee); each attempt to collect it is a payment
// keyed `fee-charge:<appointment>:<attempt>`, the attempt counting the declined ones before it. Two
// clicks at once compute the same key, so PostgreSQL lets one charge through and the other finds
// it. A fee is charged automatically only when the clinic's setting says so (auto_charge_fees).
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { chargeSavedCard, requireCard, type ChargeOutcome } from "./charge-card";
import {
  checkCurrency,
  clinicMoney,
  insertLedgerRow,
  moneyLabel,
  requireCardPayments,
  type ClinicMoney,
} from "./ledger-rows";

export type FeeKind = "no_show" | "late_cancel";
export const FEE_WORDS: Record<FeeKind, string> = { no_show: "No-show fee", late_cancel: "Late cancellation fee" };

type Appointment = {
  id: string;
  patientId: string;
  status: string;
  startsAt: Date;
  updatedAt: Date;
  cancelledBy: string | null;
};

/** The appointment's facts a fee depends on (read here: scheduling calls into this module). */
async function loadAppointment(tx: Tx, clinicId: string, id: string): Promise<Appointment> {
  const { rows } = await tx.execute<Appointment>(sql`
    SELECT id, patient_id AS "patientId", status, starts_at AS "startsAt", updated_at AS "updatedAt",
           cancelled_by AS "cancelledBy"
      FROM appointments WHERE clinic_id = ${clinicId} AND id = ${id}`);
  const a = rows[0];
  if (!a) throw notFound("That appointment");
  return { ...a, startsAt: new Date(a.startsAt), updatedAt: new Date(a.updatedAt) };
}

/** Which fee an appointment carries under the clinic's policy, and how much; or why none. */
export function feeFor(
  a: Pick<Appointment, "status" | "startsAt" | "updatedAt" | "cancelledBy">,
  money: ClinicMoney,
): { kind: FeeKind; amountMinor: number } | { none: string } {
  if (a.status === "no_show") {
    return money.noShowFee
      ? { kind: "no_show", amountMinor: money.noShowFee }
      : { none: "This clinic has no no-show fee. An owner can set one in Settings → Fees." };
  }
  if (a.status === "cancelled") {
    if (a.cancelledBy === "clinic") return { none: "The clinic cancelled this appointment, so no fee applies." };
    const late = a.updatedAt.getTime() > a.startsAt.getTime() - money.lateCancelHours * 3_600_000;
    if (!late)
      return {
        none: `It was cancelled more than ${money.lateCancelHours} hours ahead, so no late-cancellation fee applies.`,
      };
    return money.lateCancelFee
      ? { kind: "late_cancel", amountMinor: money.lateCancelFee }
      : { none: "This clinic has no late-cancellation fee. An owner can set one in Settings → Fees." };
  }
  return { none: "Only a no-show or a late cancellation carries a fee." };
}

/** What the confirmation dialog says before the front desk charges a fee. */
export async function feeQuote(tx: Tx, clinicId: string, appointmentId: string) {
  const a = await loadAppointment(tx, clinicId, appointmentId);
  const money = await clinicMoney(tx, clinicId);
  const fee = feeFor(a, money);
  if ("none" in fee) return { applies: false as const, reason: fee.none };
  return {
    applies: true as const,
    kind: fee.kind,
    label: FEE_WORDS[fee.kind],
    amountMinor: fee.amountMinor,
    currency: money.currency,
    amountLabel: moneyLabel(fee.amountMinor, money),
  };
}

export async function chargeFee(
  tx: Tx,
  actor: { clinicId: string; userId: string | null },
  input: { appointmentId: string; cardId?: string; currency?: string; automatic?: boolean },
): Promise<ChargeOutcome & { feeLabel: string }> {
  const a = await loadAppointment(tx, actor.clinicId, input.appointmentId);
  const money = await clinicMoney(tx, actor.clinicId);
  checkCurrency(input.currency, money.currency);
  const fee = feeFor(a, money);
  if ("none" in fee) throw new DomainError("NO_FEE", fee.none, "CONFLICT");
  const account = requireCardPayments(money);
  const card = await requireCard(tx, actor.clinicId, a.patientId, account, input.cardId);
  const { row: line } = await insertLedgerRow(tx, {
    clinicId: actor.clinicId,
    patientId: a.patientId,
    appointmentId: a.id,
    kind: "fee",
    amountMinor: fee.amountMinor,
    currency: money.currency,
    status: "succeeded",
    idempotencyKey: `fee:${a.id}`,
    reason: FEE_WORDS[fee.kind],
    createdBy: actor.userId,
  });
  if (line.status !== "succeeded") throw new DomainError("CHARGE_VOID", "That fee was voided.", "CONFLICT");
  const { rows } = await tx.execute<{ failed: number }>(sql`
    SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed FROM payments
     WHERE clinic_id = ${actor.clinicId} AND appointment_id = ${a.id} AND kind = 'payment'
       AND idempotency_key LIKE ${`fee-charge:${a.id}:%`}`);
  const outcome = await chargeSavedCard(tx, {
    clinicId: actor.clinicId,
    userId: actor.userId,
    patientId: a.patientId,
    appointmentId: a.id,
    account,
    card,
    amountMinor: line.amountMinor,
    currency: line.currency,
    idempotencyKey: `fee-charge:${a.id}:${(rows[0]?.failed ?? 0) + 1}`,
    reason: FEE_WORDS[fee.kind],
  });
  if (!outcome.repeated)
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: input.automatic ? "payment.feeAutomatic" : "payment.fee",
      entity: "payment",
      entityId: outcome.payment.id,
      details: { appointmentId: a.id, fee: fee.kind, amountMinor: line.amountMinor, status: outcome.payment.status },
      patientIds: [a.patientId],
    });
  return { ...outcome, feeLabel: FEE_WORDS[fee.kind] };
}

/**
 * After a no-show or a patient's late cancellation is recorded: when (and only when) the clinic
 * charges fees automatically, try once. Nothing to charge, no card, a decline or Stripe being
 * down never undoes the marking: the attempt runs in a savepoint and the front desk sees the fee
 * in the patient's payments.
 */
export async function autoChargeFee(tx: Tx, actor: { clinicId: string; userId: string | null }, appointmentId: string) {
  const money = await clinicMoney(tx, actor.clinicId);
  if (!money.autoCharge || !money.account) return;
  await tx
    .transaction((sp) => chargeFee(sp, actor, { appointmentId, automatic: true }))
    .catch((error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
    });
}
