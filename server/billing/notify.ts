// Billing emails to a clinic's owners (trial ending, payment failed), queued as messages rows in
// the webhook's transaction so they commit with the state change and go out through the same
// worker as patient emails (server/messages/deliver.ts). One row per owner, keyed so that a
// redelivered or repeated event queues each email once.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import type { MessageKind } from "@/db/schema";
import { DISPATCH_CHANNEL } from "@/server/jobs/queues";

export const BILLING_KINDS = ["billing_trial_ending", "billing_payment_failed"] as const satisfies MessageKind[];
export type BillingKind = (typeof BILLING_KINDS)[number];
export const isBillingKind = (kind: MessageKind): kind is BillingKind =>
  (BILLING_KINDS as readonly MessageKind[]).includes(kind);

/**
 * Queues `kind` for every owner of the clinic (the transaction must be the clinic's). `about` makes
 * the key: the trial's end for a trial reminder, the invoice and attempt for a failed payment.
 */
export async function queueOwnerBillingEmails(
  tx: Tx,
  input: { clinicId: string; kind: BillingKind; about: string; details: Record<string, string> },
  now: Date,
): Promise<number> {
  const result = await tx.execute<{ n: number }>(sql`
    WITH inserted AS (
      INSERT INTO messages (clinic_id, kind, key, due_at, details)
      SELECT m.clinic_id, ${input.kind}::message_kind,
             'billing:' || ${input.kind} || ':' || ${input.about} || ':' || u.id,
             ${now}::timestamptz,
             ${JSON.stringify(input.details)}::jsonb || jsonb_build_object('toEmail', u.email, 'toName', u.name)
        FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.clinic_id = ${input.clinicId} AND m.role = 'owner'
      ON CONFLICT (clinic_id, key) DO NOTHING
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM inserted)::int AS n, pg_notify(${DISPATCH_CHANNEL}, '')`);
  return result.rows[0]?.n ?? 0;
}
