// Billing configuration and the Stripe client. Billing is on only when both Stripe keys are set;
// without them (self-hosting, `npm run dev`) every clinic is treated as active. The API host, port
// and protocol may be overridden so tests reach tests/fixtures/stripe-double.ts, never Stripe.
import Stripe from "stripe";
import { env } from "@/server/env";

export type Plan = "solo" | "clinic";
export const PLAN_LABELS: Record<Plan, string> = { solo: "Solo", clinic: "Clinic" };
export const TRIAL_DAYS = 14;

export type BillingConfig = {
  secretKey: string;
  webhookSecret: string;
  /** The Connect endpoint's signing secret: events from clinics' connected accounts verify with it only. */
  connectWebhookSecret: string;
  prices: Record<Plan, string>;
  graceDays: number;
};

let cached: BillingConfig | null | undefined;

/** The billing configuration, or null when billing is off. */
export function billingConfig(): BillingConfig | null {
  if (cached !== undefined) return cached;
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return (cached = null);
  if (!env.STRIPE_PRICE_SOLO || !env.STRIPE_PRICE_CLINIC) {
    throw new Error("Billing needs STRIPE_PRICE_SOLO and STRIPE_PRICE_CLINIC as well as the Stripe keys");
  }
  // Patient payments (Connect) are on whenever Stripe is: without the Connect endpoint's own secret its
  // events could not be verified, and there is no accepting them unverified.
  if (!env.STRIPE_CONNECT_WEBHOOK_SECRET) {
    throw new Error(
      "Stripe needs STRIPE_CONNECT_WEBHOOK_SECRET (the signing secret of the Connect webhook endpoint) as well as the Stripe keys",
    );
  }
  return (cached = {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    connectWebhookSecret: env.STRIPE_CONNECT_WEBHOOK_SECRET,
    prices: { solo: env.STRIPE_PRICE_SOLO, clinic: env.STRIPE_PRICE_CLINIC },
    graceDays: env.BILLING_GRACE_DAYS,
  });
}

export const billingEnabled = (): boolean => billingConfig() !== null;

/** The plan a Stripe price id stands for (null: a price this deployment does not sell). */
export function planOfPrice(config: BillingConfig, priceId: string | null | undefined): Plan | null {
  if (priceId === config.prices.solo) return "solo";
  if (priceId === config.prices.clinic) return "clinic";
  return null;
}

/** The plan for a number of bookable clinicians: Solo is one seat, Clinic is per seat. */
export const planForSeats = (seats: number): Plan => (seats <= 1 ? "solo" : "clinic");

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "127.0.0.1" || host === "::1";
}

let client: Stripe | null = null;

/** The Stripe client (billing must be on). Plain http is allowed to a loopback host only. */
export function stripeClient(): Stripe {
  const config = billingConfig();
  if (!config) throw new Error("Billing is off: STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET are not set");
  if (client) return client;
  const host = env.STRIPE_API_HOST;
  if (env.STRIPE_API_PROTOCOL === "http" && !(host && isLoopback(host))) {
    throw new Error("STRIPE_API_PROTOCOL=http is only allowed with a loopback STRIPE_API_HOST (a local test double)");
  }
  client = new Stripe(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    appInfo: { name: "Junction" },
    ...(host ? { host } : {}),
    ...(env.STRIPE_API_PORT ? { port: env.STRIPE_API_PORT } : {}),
    ...(env.STRIPE_API_PROTOCOL ? { protocol: env.STRIPE_API_PROTOCOL } : {}),
  });
  return client;
}
