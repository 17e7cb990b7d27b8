// What a clinic may do in each billing state, decided from its clinic_subscriptions row (pure), and
// the facts stored from a Stripe subscription. Since API 2025-03-31.basil the billing period lives
// on the subscription items, not on the subscription.
import type Stripe from "stripe";
import type { ClinicSubscription, SubscriptionStatus } from "@/db/schema";
import { SUBSCRIPTION_STATUSES } from "@/db/schema";
import { planOfPrice, type BillingConfig, type Plan } from "./config";

/** full: everything; read_only: queries only (data stays visible and exportable). */
export type Access = "full" | "read_only";

export type BillingState = {
  status: SubscriptionStatus | "none";
  access: Access;
  /** past_due within its grace period (owners see a banner with the portal link). */
  pastDueGraceEndsAt: Date | null;
};

const DAY_MS = 86_400_000;

/**
 * trialing, active → full. past_due → full until the grace period ends, then read-only (as unpaid).
 * paused (trial ended without a card), canceled, unpaid, incomplete_expired → read-only.
 * incomplete (a first payment pending) and no row yet (billing set up after the clinic existed, or
 * the trial could not be created at sign-up; the daily reconciliation creates it) → full.
 */
export function billingState(
  row: Pick<ClinicSubscription, "status" | "pastDueSince"> | null,
  now: Date,
  graceDays: number,
): BillingState {
  if (!row) return { status: "none", access: "full", pastDueGraceEndsAt: null };
  switch (row.status) {
    case "trialing":
    case "active":
    case "incomplete":
      return { status: row.status, access: "full", pastDueGraceEndsAt: null };
    case "past_due": {
      const since = row.pastDueSince ?? now;
      const endsAt = new Date(since.getTime() + graceDays * DAY_MS);
      return endsAt > now
        ? { status: "past_due", access: "full", pastDueGraceEndsAt: endsAt }
        : { status: "past_due", access: "read_only", pastDueGraceEndsAt: null };
    }
    default:
      return { status: row.status, access: "read_only", pastDueGraceEndsAt: null };
  }
}

export type SubscriptionFacts = {
  customerId: string;
  subscriptionId: string;
  status: SubscriptionStatus;
  plan: Plan | null;
  quantity: number | null;
  trialEnd: Date | null;
  currentPeriodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
};

const fromUnix = (s: number | null | undefined) => (s ? new Date(s * 1000) : null);
const isStatus = (s: string): s is SubscriptionStatus => (SUBSCRIPTION_STATUSES as readonly string[]).includes(s);

/** What we store of a subscription, as Stripe reports it (the first item is the plan's price). */
export function subscriptionFacts(config: BillingConfig, sub: Stripe.Subscription): SubscriptionFacts {
  const item = sub.items.data[0];
  const customerId = typeof sub.customer === "string" ? sub.customer : sub.customer.id;
  if (!isStatus(sub.status)) throw new Error(`Unexpected subscription status ${sub.status} on ${sub.id}`);
  return {
    customerId,
    subscriptionId: sub.id,
    status: sub.status,
    plan: planOfPrice(config, item?.price.id),
    quantity: item?.quantity ?? null,
    trialEnd: fromUnix(sub.trial_end),
    currentPeriodEnd: fromUnix(item?.current_period_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
  };
}
