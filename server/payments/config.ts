// Patient payments are on when Stripe is configured (the same keys as clinic billing); without them
// every screen says payments are off and booking works as it always did. The client is billing's
// (server/billing/config.ts: host/port/protocol overridable for the test double); calls for a clinic
// carry its connected account in the Stripe-Account header (direct charges).
import type Stripe from "stripe";
import { billingEnabled, stripeClient } from "@/server/billing/config";
import { DomainError } from "@/server/errors";

/** How long a slot is held while the patient pays; the release job frees it after this. */
export const HOLD_MINUTES = 15;
/** Stripe's shortest Checkout Session lifetime; the release job expires the session sooner, at the hold's end. */
export const CHECKOUT_LIFETIME_MINUTES = 30;

export const paymentsEnabled = (): boolean => billingEnabled();

export function paymentsClient(): Stripe {
  if (!paymentsEnabled())
    throw new DomainError("PAYMENTS_OFF", "Payments are off on this server (Stripe is not configured).", "CONFLICT");
  return stripeClient();
}

/** Request options for a call on the clinic's connected account. */
export const onAccount = (stripeAccount: string, idempotencyKey?: string): Stripe.RequestOptions => ({
  stripeAccount,
  ...(idempotencyKey ? { idempotencyKey } : {}),
});
