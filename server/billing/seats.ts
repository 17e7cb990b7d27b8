// Seats follow the team: the subscription item's quantity is the clinic's bookable clinicians.
// Synced after a team change commits (never inside the transaction holding its locks) and by the
// daily reconciliation, which also corrects state a lost webhook left behind and starts the trial
// of a clinic that has none. Setting an absolute quantity is idempotent; the SDK's own retries
// carry an idempotency key.
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinicSubscriptions } from "@/db/schema";
import { withClinic } from "@/server/tenancy";
import { applySubscriptionFacts } from "./apply";
import { billingConfig, planForSeats, stripeClient } from "./config";
import { subscriptionFacts } from "./state";
import { countSeats, startTrial } from "./subscribe";

const ENDED = new Set(["canceled", "incomplete_expired"]);

export type SeatSync = "off" | "no_subscription" | "ended" | "in_sync" | { from: number; to: number };

/** Brings the subscription's quantity to the clinic's bookable clinicians, with proration. */
export async function syncSeats(db: Db, clinicId: string): Promise<SeatSync> {
  const config = billingConfig();
  if (!config) return "off";
  const [row] = await withClinic(db, clinicId, (tx) =>
    tx
      .select({ subscriptionId: clinicSubscriptions.stripeSubscriptionId })
      .from(clinicSubscriptions)
      .where(eq(clinicSubscriptions.clinicId, clinicId)),
  );
  if (!row?.subscriptionId) return "no_subscription";
  const stripe = stripeClient();
  let subscription = await stripe.subscriptions.retrieve(row.subscriptionId);
  if (ENDED.has(subscription.status)) {
    await applySubscriptionFacts(db, subscriptionFacts(config, subscription));
    return "ended";
  }
  const item = subscription.items.data[0];
  const seats = await countSeats(db, clinicId);
  // Solo is one seat; a second bookable clinician moves the clinic to the per-seat plan (and back).
  const price = config.prices[planForSeats(seats)];
  if (!item || (item.quantity === seats && item.price.id === price)) {
    await applySubscriptionFacts(db, subscriptionFacts(config, subscription));
    return "in_sync";
  }
  await stripe.subscriptionItems.update(item.id, {
    quantity: seats,
    ...(item.price.id === price ? {} : { price }),
    proration_behavior: "create_prorations",
  });
  subscription = await stripe.subscriptions.retrieve(row.subscriptionId);
  await applySubscriptionFacts(db, subscriptionFacts(config, subscription));
  return { from: item.quantity ?? 0, to: seats };
}

/** After a team change has committed: sync seats, logging (not failing the request) on error. */
export async function syncSeatsAfterTeamChange(db: Db, clinicId: string): Promise<void> {
  if (!billingConfig()) return;
  try {
    await syncSeats(db, clinicId);
  } catch (error) {
    console.error(
      `[billing] seat sync for clinic ${clinicId} failed; the daily reconciliation will retry: ${(error as Error).message}`,
    );
  }
}

/** The daily pass over every clinic: start missing trials, correct seat drift and stale state. */
export async function reconcileBilling(db: Db, log: (line: string) => void = console.log): Promise<number> {
  if (!billingConfig()) return 0;
  const ids = await db.execute<{ id: string }>(sql`SELECT app_billing_clinic_ids() AS id`);
  let corrected = 0;
  for (const { id } of ids.rows) {
    try {
      const result = await syncSeats(db, id);
      if (result === "no_subscription") {
        await startTrial(db, id);
        corrected++;
      } else if (typeof result === "object") {
        log(`clinic ${id}: seats ${result.from} → ${result.to}`);
        corrected++;
      }
    } catch (error) {
      log(`clinic ${id}: reconciliation failed: ${(error as Error).message}`);
    }
  }
  return corrected;
}
