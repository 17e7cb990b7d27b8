// The release job: a slot held for a patient who has not paid within HOLD_MINUTES is freed. The
// Checkout Session is expired at Stripe first, so a patient cannot pay for a released slot; if Stripe
// says it was completed meanwhile, the booking is confirmed instead (a patient who pays never loses
// the slot). A Stripe failure leaves the hold for the next pass.
import { and, eq, sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db } from "@/db/client";
import { paymentCheckouts, type PaymentCheckout } from "@/db/schema";
import { withClinic } from "@/server/tenancy";
import { onAccount, paymentsClient, paymentsEnabled } from "./config";
import { releaseHold, retrieveSession, settleCheckout, type Settlement } from "./settle";

async function expireAtStripe(checkout: PaymentCheckout): Promise<Stripe.Checkout.Session> {
  try {
    const expired = await paymentsClient().checkout.sessions.expire(
      checkout.stripeCheckoutSessionId!,
      {},
      onAccount(checkout.stripeAccountId, `junction-expire:${checkout.id}`),
    );
    if (expired.status === "expired") return expired;
  } catch (error) {
    // Not open any more (completed or already expired): settle from what it is now.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
  }
  return retrieveSession(checkout);
}

async function releaseOne(db: Db, clinicId: string, checkoutId: string, now: Date): Promise<Settlement> {
  const read = () =>
    withClinic(db, clinicId, async (tx) => {
      const [row] = await tx
        .select()
        .from(paymentCheckouts)
        .where(and(eq(paymentCheckouts.clinicId, clinicId), eq(paymentCheckouts.id, checkoutId)));
      return row ?? null;
    });
  const checkout = await read();
  if (!checkout || checkout.status !== "open") return "open";
  const session = checkout.stripeCheckoutSessionId && paymentsEnabled() ? await expireAtStripe(checkout) : null;
  return withClinic(db, clinicId, async (tx) => {
    if (checkout.stripeCheckoutSessionId)
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe:${checkout.stripeCheckoutSessionId}`}, 0))`,
      );
    const [fresh] = await tx
      .select()
      .from(paymentCheckouts)
      .where(and(eq(paymentCheckouts.clinicId, clinicId), eq(paymentCheckouts.id, checkoutId)));
    if (!fresh || fresh.status !== "open") return "open";
    if (!session) {
      await releaseHold(tx, fresh, now);
      return "released";
    }
    return settleCheckout(tx, fresh, session, now);
  });
}

/** One pass over every clinic's holds that ran out by `now`; how many were released. */
export async function releaseExpiredHolds(db: Db, now: Date, log: (line: string) => void = () => {}): Promise<number> {
  const due = await db.execute<{ clinic_id: string; checkout_id: string }>(
    sql`SELECT clinic_id, checkout_id FROM app_payments_expired_checkouts(${now.toISOString()}::timestamptz)`,
  );
  let released = 0;
  for (const row of due.rows) {
    try {
      const outcome = await releaseOne(db, row.clinic_id, row.checkout_id, now);
      if (outcome === "released") released++;
      if (outcome === "confirmed") log(`checkout ${row.checkout_id} was paid at the last moment: booked`);
    } catch (error) {
      log(`releasing checkout ${row.checkout_id} failed, retried next pass: ${(error as Error).message}`);
    }
  }
  return released;
}
