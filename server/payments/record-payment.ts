// The front desk records a payment: the card on file (charged off-session now), a card on the
// clinic's terminal, cash, a bank transfer, or insurance/other (with a note). The form's key (one
// per opened form) makes a double submit one payment; PostgreSQL's unique key decides it.
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { DomainError, notFound } from "@/server/errors";
import { getAppointment } from "@/server/scheduling/manage";
import { chargeSavedCard, requireCard, type ChargeOutcome } from "./charge-card";
import {
  checkAmount,
  checkCurrency,
  clinicMoney,
  insertLedgerRow,
  requireCardPayments,
  type PaymentMethod,
} from "./ledger-rows";
import { queueReceipt } from "./receipts";
import { patientExists } from "./refund-payment";

export type RecordPaymentInput = {
  patientId: string;
  appointmentId?: string | null;
  method: Exclude<PaymentMethod, "card_online">;
  amountMinor: number;
  currency?: string;
  note?: string | null;
  key: string;
  cardId?: string;
};

export async function recordPayment(
  tx: Tx,
  actor: { clinicId: string; userId: string },
  input: RecordPaymentInput,
): Promise<ChargeOutcome> {
  if (!(await patientExists(tx, actor.clinicId, input.patientId))) throw notFound("That patient");
  const money = await clinicMoney(tx, actor.clinicId);
  checkCurrency(input.currency, money.currency);
  checkAmount(input.amountMinor, money);
  if (input.appointmentId) {
    const a = await getAppointment(tx, actor.clinicId, input.appointmentId);
    if (a.patientId !== input.patientId) throw notFound("That appointment");
    if (a.status === "cancelled")
      throw new DomainError(
        "APPOINTMENT_CANCELLED",
        "That appointment was cancelled, so it takes no payment. Record the payment on the patient instead.",
        "CONFLICT",
      );
  }
  if (input.method === "other" && !input.note?.trim())
    throw new DomainError("NOTE_NEEDED", "Say who paid (for example the insurer's name) in the note.");
  const key = `pay:${input.key}`;
  let outcome: ChargeOutcome;
  if (input.method === "card_on_file") {
    const account = requireCardPayments(money);
    const card = await requireCard(tx, actor.clinicId, input.patientId, account, input.cardId);
    outcome = await chargeSavedCard(tx, {
      clinicId: actor.clinicId,
      userId: actor.userId,
      patientId: input.patientId,
      appointmentId: input.appointmentId ?? null,
      account,
      card,
      amountMinor: input.amountMinor,
      currency: money.currency,
      idempotencyKey: key,
      reason: input.note?.trim() || null,
    });
  } else {
    const { row, created } = await insertLedgerRow(tx, {
      clinicId: actor.clinicId,
      patientId: input.patientId,
      appointmentId: input.appointmentId ?? null,
      kind: "payment",
      amountMinor: input.amountMinor,
      currency: money.currency,
      status: "succeeded",
      method: input.method,
      idempotencyKey: key,
      reason: input.note?.trim() || null,
      createdBy: actor.userId,
    });
    if (created) await queueReceipt(tx, actor.clinicId, row);
    outcome = { payment: row, repeated: !created, declined: null };
  }
  if (!outcome.repeated)
    await recordAudit(tx, {
      clinicId: actor.clinicId,
      actorUserId: actor.userId,
      action: "payment.record",
      entity: "payment",
      entityId: outcome.payment.id,
      details: { method: input.method, amountMinor: input.amountMinor, status: outcome.payment.status },
      patientIds: [input.patientId],
    });
  return outcome;
}
