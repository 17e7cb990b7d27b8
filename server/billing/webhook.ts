// Stripe webhooks: verified, stored once, applied from Stripe's current state. The event's id is
// inserted (unique) in the same transaction as the change it causes, so a replay or a concurrent
// duplicate finds the row and does nothing, and a failure rolls the row back for Stripe's retry.
// The payload is never trusted for state: the subscription is re-fetched and upserted whole, so
// events arriving late or out of order cannot move a clinic backwards. A per-customer advisory lock
// orders the fetch-and-apply of two different events for the same customer.
import { sql } from "drizzle-orm";
import Stripe from "stripe";
import type { Db, Tx } from "@/db/client";
import { billingConfig, stripeClient, type BillingConfig } from "./config";
import { handleConnectEvent, isBookingPaymentEvent } from "@/server/payments/webhook";
import { applySubscriptionFacts } from "./apply";
import { queueOwnerBillingEmails } from "./notify";
import { handlePatientPaymentEvent, isPatientPaymentEvent } from "@/server/payments/payment-webhook";
import { subscriptionFacts, type SubscriptionFacts } from "./state";

export const MAX_WEBHOOK_BYTES = 512 * 1024;

export type WebhookAnswer = { status: number; body: { received?: true; ignored?: string; error?: string } };

const HANDLED = new Set([
  "checkout.session.completed",
  "customer.subscription.created",
  "customer.subscription.updated",
  "customer.subscription.deleted",
  "customer.subscription.paused",
  "customer.subscription.resumed",
  "customer.subscription.trial_will_end",
  "invoice.paid",
  "invoice.payment_failed",
]);

type Target = { subscriptionId: string; customerId: string } | null;

const idOf = (x: string | { id: string } | null | undefined) => (typeof x === "string" ? x : (x?.id ?? null));

/** The subscription (and its customer) an event is about, or null (e.g. a one-off payment's checkout). */
function targetOf(event: Stripe.Event): Target {
  const object = event.data.object as unknown as Record<string, unknown>;
  let subscription: string | null = null;
  if (event.type === "checkout.session.completed") {
    const session = event.data.object;
    subscription = session.mode === "subscription" ? idOf(session.subscription) : null;
  } else if (event.type.startsWith("customer.subscription.")) {
    subscription = typeof object.id === "string" ? object.id : null;
  } else if (event.type === "invoice.paid" || event.type === "invoice.payment_failed") {
    const invoice = event.data.object as Stripe.Invoice;
    subscription = idOf(invoice.parent?.subscription_details?.subscription);
  }
  const customer = idOf(object.customer as string | { id: string } | null | undefined);
  return subscription && customer ? { subscriptionId: subscription, customerId: customer } : null;
}

async function retrieveSubscription(id: string): Promise<Stripe.Subscription | null> {
  try {
    return await stripeClient().subscriptions.retrieve(id);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw error;
  }
}

const dateLabel = (d: Date | null) => (d ? d.toISOString() : "");

/** The owners' email an event calls for, queued in the clinic's transaction. */
async function queueEmails(tx: Tx, event: Stripe.Event, clinicId: string, facts: SubscriptionFacts, now: Date) {
  if (event.type === "customer.subscription.trial_will_end" && facts.status === "trialing") {
    await tx.execute(sql`SELECT set_config('app.clinic_id', ${clinicId}, true)`);
    await queueOwnerBillingEmails(
      tx,
      {
        clinicId,
        kind: "billing_trial_ending",
        about: dateLabel(facts.trialEnd),
        details: { trialEnd: dateLabel(facts.trialEnd) },
      },
      now,
    );
  }
  if (event.type === "invoice.payment_failed") {
    const invoice = event.data.object;
    await tx.execute(sql`SELECT set_config('app.clinic_id', ${clinicId}, true)`);
    await queueOwnerBillingEmails(
      tx,
      {
        clinicId,
        kind: "billing_payment_failed",
        about: `${invoice.id}:${invoice.attempt_count}`,
        details: { amountDue: String(invoice.amount_due), currency: invoice.currency },
      },
      now,
    );
  }
}

/**
 * A clinic that subscribes through Checkout during its trial (or while paused) gets a new
 * subscription; the one it replaces is cancelled so the clinic is never billed twice.
 */
async function cancelReplacedTrial(tx: Tx, facts: SubscriptionFacts) {
  const owner = await tx.execute<{ clinic_id: string | null }>(
    sql`SELECT app_billing_clinic_of_customer(${facts.customerId}) AS clinic_id`,
  );
  const clinicId = owner.rows[0]?.clinic_id;
  if (!clinicId) return;
  await tx.execute(sql`SELECT set_config('app.clinic_id', ${clinicId}, true)`);
  const found = await tx.execute<{ subscription: string | null; status: string }>(
    sql`SELECT stripe_subscription_id AS subscription, status FROM clinic_subscriptions WHERE clinic_id = ${clinicId}`,
  );
  const current = found.rows[0];
  if (!current?.subscription || current.subscription === facts.subscriptionId) return;
  if (!["trialing", "paused", "incomplete"].includes(current.status)) return;
  try {
    await stripeClient().subscriptions.cancel(
      current.subscription,
      {},
      { idempotencyKey: `junction-replace:${current.subscription}` },
    );
  } catch (error) {
    // Already cancelled or gone: nothing left to replace.
    if (!(error instanceof Stripe.errors.StripeInvalidRequestError)) throw error;
  }
}

export type WebhookLog = (line: string) => void;

class WrongEndpoint extends Error {}

/**
 * Verifies with the platform endpoint's secret, then the Connect endpoint's. Each endpoint carries only
 * its own kind: an event about a connected account (event.account) must be signed with the Connect
 * secret, a platform event with the platform's, so neither secret can stand in for the other.
 */
function constructEvent(rawBody: string, signature: string, config: BillingConfig): Stripe.Event {
  let event: Stripe.Event;
  let connect = false;
  try {
    event = stripeClient().webhooks.constructEvent(rawBody, signature, config.webhookSecret);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeSignatureVerificationError)) throw error;
    event = stripeClient().webhooks.constructEvent(rawBody, signature, config.connectWebhookSecret);
    connect = true;
  }
  if (Boolean(event.account) !== connect)
    throw new WrongEndpoint(
      connect ? "a platform event signed as Connect" : "a connected account's event signed as platform",
    );
  return event;
}

/**
 * Handles one delivery: the raw body exactly as received and its Stripe-Signature header. Answers
 * 400 for a forged, stale or unreadable delivery, 2xx once the change (or nothing, for a replay,
 * an unknown customer or an event we do not handle) is committed, and throws on any other failure
 * (the route answers 500 and Stripe retries).
 */
export async function handleStripeWebhook(
  db: Db,
  rawBody: string,
  signature: string | null,
  opts: { now?: () => Date; log?: WebhookLog } = {},
): Promise<WebhookAnswer> {
  const config: BillingConfig | null = billingConfig();
  const log = opts.log ?? ((line: string) => console.log(`[stripe webhook] ${line}`));
  if (!config) return { status: 404, body: { error: "Billing is not enabled on this server." } };
  if (!signature) return { status: 400, body: { error: "Missing Stripe-Signature header." } };
  let event: Stripe.Event;
  try {
    event = constructEvent(rawBody, signature, config);
  } catch (error) {
    const reason =
      error instanceof Stripe.errors.StripeSignatureVerificationError || error instanceof WrongEndpoint
        ? "bad signature"
        : "unreadable body";
    if (error instanceof WrongEndpoint) log(`refused a delivery: ${error.message}`);
    log(`refused a delivery: ${reason}`);
    return { status: 400, body: { error: `Webhook refused: ${reason}.` } };
  }
  const now = opts.now ?? (() => new Date());
  // Events from a clinic's connected account: patient payments (server/payments/webhook.ts).
  if (isBookingPaymentEvent(event)) return handleConnectEvent(db, event, { now, log });
  // Patients' payments on a clinic's connected account (server/payments/payment-webhook.ts).
  if (isPatientPaymentEvent(event)) return handlePatientPaymentEvent(db, event, log);
  if (!HANDLED.has(event.type)) {
    log(`${event.id} ${event.type}: not handled, acknowledged`);
    return { status: 200, body: { received: true, ignored: "unhandled event type" } };
  }
  const target = targetOf(event);
  if (!target) {
    log(`${event.id} ${event.type}: about no subscription, acknowledged`);
    return { status: 200, body: { received: true, ignored: "no subscription" } };
  }
  return db.transaction(async (tx): Promise<WebhookAnswer> => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe:${target.customerId}`}, 0))`);
    const stored = await tx.execute<{ id: string }>(
      sql`INSERT INTO stripe_events (id, type) VALUES (${event.id}, ${event.type}) ON CONFLICT (id) DO NOTHING RETURNING id`,
    );
    if (stored.rows.length === 0) {
      log(`${event.id} ${event.type}: already handled, acknowledged`);
      return { status: 200, body: { received: true, ignored: "already handled" } };
    }
    const subscription = await retrieveSubscription(target.subscriptionId);
    let clinicId: string | null = null;
    if (subscription) {
      const facts = subscriptionFacts(config, subscription);
      if (event.type === "checkout.session.completed") await cancelReplacedTrial(tx, facts);
      clinicId = await applySubscriptionFacts(tx, facts);
      if (clinicId) await queueEmails(tx, event, clinicId, facts, now());
    }
    await tx.execute(sql`UPDATE stripe_events SET processed_at = now() WHERE id = ${event.id}`);
    if (!clinicId) {
      log(
        `${event.id} ${event.type}: ${subscription ? "customer of no clinic" : "subscription not found"}, acknowledged`,
      );
      return { status: 200, body: { received: true, ignored: "unknown customer" } };
    }
    return { status: 200, body: { received: true } };
  });
}
