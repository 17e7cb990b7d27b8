// Stripe events from clinics' connected accounts (event.account set), delivered to the same route and
// logged in the same stripe_events table as billing's (server/billing/webhook.ts verifies them and
// hands them here). The clinic is the one whose account the event comes from, found by id only
// (app_payments_clinic_of_account); everything else is looked up inside that clinic's transaction,
// so an event naming another clinic's checkout finds nothing and is refused. State comes from Stripe
// re-read now (account, session), so replays are no-ops and order does not matter.
import { and, eq, sql } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { paymentCheckouts, type PaymentCheckout } from "@/db/schema";
import { withClinic } from "@/server/tenancy";
import { paymentsClient } from "./config";
import { applyAccountFacts } from "./connect";
import { retrieveSession, settleCheckout } from "./settle";

type Answer = { status: number; body: { received?: true; ignored?: string; error?: string } };

export const CONNECT_EVENTS = new Set([
  "account.updated",
  "checkout.session.completed",
  "checkout.session.expired",
  "checkout.session.async_payment_succeeded",
  "payment_intent.succeeded",
  "payment_intent.payment_failed",
  "setup_intent.succeeded",
]);

/**
 * Whether a verified event is this module's: an account.updated, or an event about a booking checkout
 * (our metadata junction_checkout_id on the session or its intent). Other Connect events (after-visit
 * payments, refunds, payment links) belong to the other payment handlers.
 */
export function isBookingPaymentEvent(event: Stripe.Event): boolean {
  if (!event.account || !CONNECT_EVENTS.has(event.type)) return false;
  if (event.type === "account.updated") return true;
  const object = event.data.object as unknown as { metadata?: Record<string, string> | null };
  // A booking's checkout names itself and its appointment. An emailed payment link (payment-webhook.ts)
  // names itself junction_link_id (links sent before that used junction_checkout_id without an appointment).
  if (object.metadata?.junction_link_id) return false;
  return isUuid(object.metadata?.junction_checkout_id) && isUuid(object.metadata?.junction_appointment_id);
}

const isUuid = (v: unknown): v is string =>
  typeof v === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v);

/** The checkout an event is about, within the clinic (RLS) and for this account only. */
async function checkoutOf(tx: Tx, clinicId: string, account: string, event: Stripe.Event) {
  const object = event.data.object as unknown as { id?: string; metadata?: Record<string, string> | null };
  const where = event.type.startsWith("checkout.session.")
    ? eq(paymentCheckouts.stripeCheckoutSessionId, String(object.id))
    : isUuid(object.metadata?.junction_checkout_id)
      ? eq(paymentCheckouts.id, object.metadata.junction_checkout_id)
      : null;
  if (!where) return null;
  const [row] = await tx
    .select()
    .from(paymentCheckouts)
    .where(and(eq(paymentCheckouts.clinicId, clinicId), eq(paymentCheckouts.stripeAccountId, account), where));
  return row ?? null;
}

/**
 * The clinic our metadata on the event's object names (junction_clinic_id), when it names another
 * clinic than the one whose connected account sent the event: such an event is refused, never
 * applied to either clinic. Objects without our metadata (a dashboard refund) are judged by account alone.
 */
export function otherClinicNamed(event: Stripe.Event, clinicId: string): string | null {
  const object = event.data.object as unknown as { metadata?: Record<string, string> | null };
  const named = object.metadata?.junction_clinic_id;
  return named && named !== clinicId ? named : null;
}

async function clinicOfAccount(db: Db, account: string): Promise<string | null> {
  const found = await db.execute<{ clinic_id: string | null }>(
    sql`SELECT app_payments_clinic_of_account(${account}) AS clinic_id`,
  );
  return found.rows[0]?.clinic_id ?? null;
}

export async function handleConnectEvent(
  db: Db,
  event: Stripe.Event,
  opts: { now: () => Date; log: (line: string) => void },
): Promise<Answer> {
  const account = event.account!;
  const label = `${event.id} ${event.type} (${account})`;
  if (!CONNECT_EVENTS.has(event.type)) {
    opts.log(`${label}: not handled, acknowledged`);
    return { status: 200, body: { received: true, ignored: "unhandled event type" } };
  }
  const clinicId = await clinicOfAccount(db, account);
  if (!clinicId) {
    opts.log(`${label}: refused, the account is no clinic's`);
    return { status: 200, body: { received: true, ignored: "unknown account" } };
  }
  const named = otherClinicNamed(event, clinicId);
  if (named) {
    opts.log(`${label}: refused, the account is clinic ${clinicId}'s but the metadata names clinic ${named}`);
    return { status: 200, body: { received: true, ignored: "another clinic's metadata" } };
  }
  return withClinic(db, clinicId, async (tx): Promise<Answer> => {
    let checkout: PaymentCheckout | null = null;
    if (event.type !== "account.updated") {
      checkout = await checkoutOf(tx, clinicId, account, event);
      if (!checkout?.stripeCheckoutSessionId) {
        opts.log(`${label}: refused, no checkout of this account's clinic`);
        return { status: 200, body: { received: true, ignored: "not this account's checkout" } };
      }
    }
    // One event at a time per account (account.updated) or per checkout: the re-read and the write are ordered.
    const key = checkout ? `stripe:${checkout.stripeCheckoutSessionId}` : `stripe:${account}`;
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
    const stored = await tx.execute<{ id: string }>(
      sql`INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    if (stored.rows.length === 0) {
      opts.log(`${label}: already handled, acknowledged`);
      return { status: 200, body: { received: true, ignored: "already handled" } };
    }
    if (checkout) {
      // Read again under the lock: another event may have settled it meanwhile.
      const [fresh] = await tx
        .select()
        .from(paymentCheckouts)
        .where(and(eq(paymentCheckouts.clinicId, clinicId), eq(paymentCheckouts.id, checkout.id)));
      const outcome = await settleCheckout(tx, fresh!, await retrieveSession(fresh!), opts.now());
      opts.log(`${label}: checkout ${checkout.id} ${outcome}`);
    } else {
      await applyAccountFacts(tx, clinicId, await paymentsClient().accounts.retrieve(account), opts.now());
    }
    await tx.execute(sql`UPDATE stripe_events SET processed_at = now() WHERE id = ${event.id}`);
    return { status: 200, body: { received: true } };
  });
}
