// The clinic's no-show and late-cancellation fees and whether they are charged automatically
// (owners only; off by default). The late-cancellation window itself is clinics.late_cancel_hours,
// shared with the dashboard.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { recordAudit } from "@/server/audit";
import { DomainError } from "@/server/errors";
import { clinicMoney } from "./ledger-rows";

export type FeePolicy = { noShowFeeMinor: number | null; lateCancelFeeMinor: number | null; autoChargeFees: boolean };

export async function feePolicy(tx: Tx, clinicId: string) {
  const m = await clinicMoney(tx, clinicId);
  return {
    noShowFeeMinor: m.noShowFee,
    lateCancelFeeMinor: m.lateCancelFee,
    autoChargeFees: m.autoCharge,
    lateCancelHours: m.lateCancelHours,
    currency: m.currency,
    cardPayments: m.account !== null,
  };
}

export async function updateFeePolicy(tx: Tx, actor: { clinicId: string; userId: string }, input: FeePolicy) {
  if (input.autoChargeFees && !input.noShowFeeMinor && !input.lateCancelFeeMinor)
    throw new DomainError("NO_FEES", "Set a no-show or a late-cancellation fee before charging fees automatically.");
  await tx.execute(sql`
    UPDATE clinics SET no_show_fee_minor = ${input.noShowFeeMinor}, late_cancel_fee_minor = ${input.lateCancelFeeMinor},
           auto_charge_fees = ${input.autoChargeFees}
     WHERE id = ${actor.clinicId}`);
  await recordAudit(tx, {
    clinicId: actor.clinicId,
    actorUserId: actor.userId,
    action: "payment.feePolicy",
    entity: "clinic",
    entityId: actor.clinicId,
    details: { ...input },
  });
  return feePolicy(tx, actor.clinicId);
}
