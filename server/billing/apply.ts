// Storing what Stripe reports, through the SECURITY DEFINER functions of 0023_billing.sql (the
// app's role cannot write clinic_subscriptions itself).
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import type { SubscriptionFacts } from "./state";

/** Stores the subscription for the clinic whose customer it is; the clinic's id, or null (unknown customer). */
export async function applySubscriptionFacts(db: DbOrTx, facts: SubscriptionFacts): Promise<string | null> {
  const result = await db.execute<{ clinic_id: string | null }>(sql`
    SELECT app_billing_apply_subscription(${facts.customerId}, ${facts.subscriptionId}, ${facts.status}, ${facts.plan},
      ${facts.quantity}::int, ${facts.trialEnd}::timestamptz, ${facts.currentPeriodEnd}::timestamptz,
      ${facts.cancelAtPeriodEnd}) AS clinic_id`);
  return result.rows[0]?.clinic_id ?? null;
}

/** Records the clinic's Stripe customer once; returns the one stored (the first, on a race or retry). */
export async function linkCustomer(db: DbOrTx, clinicId: string, customerId: string): Promise<string> {
  const result = await db.execute<{ customer: string }>(
    sql`SELECT app_billing_link_customer(${clinicId}::uuid, ${customerId}) AS customer`,
  );
  const stored = result.rows[0]?.customer;
  if (!stored) throw new Error(`No Stripe customer stored for clinic ${clinicId}`);
  return stored;
}
