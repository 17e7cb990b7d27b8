// Talking to Stripe for a clinic: its one customer (idempotency key per clinic, so a double click
// or a retry never makes two), the 14-day trial without a card at sign-up, Checkout to subscribe,
// and the Customer Portal, created on demand. Every call here happens outside any database
// transaction that holds locks; what Stripe answers is stored through apply.ts.
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { clinics, clinicSubscriptions, memberships, users } from "@/db/schema";
import { appUrl } from "@/server/env";
import { DomainError } from "@/server/errors";
import { withClinic } from "@/server/tenancy";
import { applySubscriptionFacts, linkCustomer } from "./apply";
import { billingConfig, planForSeats, stripeClient, TRIAL_DAYS, type BillingConfig } from "./config";
import { subscriptionFacts } from "./state";

function requireBilling(): BillingConfig {
  const config = billingConfig();
  if (!config) throw new DomainError("BILLING_OFF", "Billing is not enabled on this server.", "CONFLICT");
  return config;
}

/** Bookable clinicians (members who take appointments): the seats billed, at least one. */
export async function countSeats(db: Db, clinicId: string): Promise<number> {
  return withClinic(db, clinicId, async (tx) => {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(memberships)
      .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "clinician")));
    return Math.max(1, row?.n ?? 0);
  });
}

type ClinicBilling = {
  name: string;
  ownerEmail: string | null;
  customerId: string | null;
  subscriptionId: string | null;
  status: string | null;
};

async function loadClinicBilling(db: Db, clinicId: string): Promise<ClinicBilling> {
  return withClinic(db, clinicId, async (tx) => {
    const [row] = await tx
      .select({
        name: clinics.name,
        customerId: clinicSubscriptions.stripeCustomerId,
        subscriptionId: clinicSubscriptions.stripeSubscriptionId,
        status: clinicSubscriptions.status,
      })
      .from(clinics)
      .leftJoin(clinicSubscriptions, eq(clinicSubscriptions.clinicId, clinics.id))
      .where(eq(clinics.id, clinicId));
    if (!row) throw new Error(`Clinic ${clinicId} is not visible`);
    const [owner] = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.clinicId, clinicId), eq(memberships.role, "owner")))
      .orderBy(memberships.createdAt)
      .limit(1);
    return { ...row, ownerEmail: owner?.email ?? null };
  });
}

/** The clinic's Stripe customer, created once (Stripe's idempotency key and our unique row both decide). */
export async function ensureCustomer(db: Db, clinicId: string): Promise<string> {
  requireBilling();
  const current = await loadClinicBilling(db, clinicId);
  if (current.customerId) return current.customerId;
  const customer = await stripeClient().customers.create(
    { name: current.name, email: current.ownerEmail ?? undefined, metadata: { clinic_id: clinicId } },
    { idempotencyKey: `junction-customer:${clinicId}` },
  );
  return linkCustomer(db, clinicId, customer.id);
}

/** A new clinic's 14-day trial, no card: the subscription pauses at the end if no card was added. */
export async function startTrial(db: Db, clinicId: string): Promise<void> {
  const config = requireBilling();
  const customerId = await ensureCustomer(db, clinicId);
  const existing = await loadClinicBilling(db, clinicId);
  if (existing.subscriptionId) return;
  const seats = await countSeats(db, clinicId);
  const subscription = await stripeClient().subscriptions.create(
    {
      customer: customerId,
      items: [{ price: config.prices[planForSeats(seats)], quantity: seats }],
      trial_period_days: TRIAL_DAYS,
      payment_settings: { save_default_payment_method: "on_subscription" },
      trial_settings: { end_behavior: { missing_payment_method: "pause" } },
      metadata: { clinic_id: clinicId },
    },
    { idempotencyKey: `junction-trial:${clinicId}` },
  );
  await applySubscriptionFacts(db, subscriptionFacts(config, subscription));
}

/** After sign-up: start the trial, never failing the sign-up (the daily reconciliation retries). */
export async function startTrialAfterSignUp(db: Db, clinicId: string): Promise<void> {
  if (!billingConfig()) return;
  try {
    await startTrial(db, clinicId);
  } catch (error) {
    console.error(`[billing] could not start the trial of clinic ${clinicId}: ${(error as Error).message}`);
  }
}

const billingPage = (slug: string) => new URL(`/c/${slug}/settings/billing`, appUrl()).toString();

/**
 * Stripe Checkout in subscription mode, for a clinic on a trial (or paused, cancelled, none) that
 * wants to pay now. When it completes, the webhook cancels the trial it replaces (webhook.ts).
 */
export async function createCheckout(db: Db, clinic: { id: string; slug: string }): Promise<{ url: string }> {
  const config = requireBilling();
  const current = await loadClinicBilling(db, clinic.id);
  if (current.status === "active" || current.status === "past_due") {
    throw new DomainError(
      "ALREADY_SUBSCRIBED",
      "This clinic already has a subscription. Use Manage billing to add a card or change it.",
      "CONFLICT",
    );
  }
  const customerId = await ensureCustomer(db, clinic.id);
  const seats = await countSeats(db, clinic.id);
  // One session per clinic, seat count and minute: a double click opens the same Checkout.
  const minute = Math.floor(Date.now() / 60_000);
  const session = await stripeClient().checkout.sessions.create(
    {
      mode: "subscription",
      customer: customerId,
      client_reference_id: clinic.id,
      line_items: [{ price: config.prices[planForSeats(seats)], quantity: seats }],
      payment_method_collection: "always",
      subscription_data: { metadata: { clinic_id: clinic.id } },
      success_url: `${billingPage(clinic.slug)}?checkout=done`,
      cancel_url: billingPage(clinic.slug),
    },
    { idempotencyKey: `junction-checkout:${clinic.id}:${seats}:${minute}` },
  );
  if (!session.url) throw new Error("Stripe returned a Checkout session without a URL");
  return { url: session.url };
}

/** A Customer Portal session (card, invoices, cancel), created on demand: portal links are short-lived. */
export async function createPortal(db: Db, clinic: { id: string; slug: string }): Promise<{ url: string }> {
  requireBilling();
  const customerId = await ensureCustomer(db, clinic.id);
  const session = await stripeClient().billingPortal.sessions.create({
    customer: customerId,
    return_url: billingPage(clinic.slug),
  });
  return { url: session.url };
}
