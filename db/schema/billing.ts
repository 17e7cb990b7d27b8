// Clinic subscriptions (Stripe Billing) and the Stripe events already handled. The app's role only
// reads clinic_subscriptions (its own clinic's row, RLS); writes go through the SECURITY DEFINER
// functions of db/migrations/0023_billing.sql, fed by the webhook's re-fetched subscription.
import { sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { clinics } from "./tenancy";

export const SUBSCRIPTION_STATUSES = [
  "incomplete",
  "incomplete_expired",
  "trialing",
  "active",
  "past_due",
  "canceled",
  "unpaid",
  "paused",
] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export const clinicSubscriptions = pgTable(
  "clinic_subscriptions",
  {
    clinicId: uuid("clinic_id")
      .primaryKey()
      .references(() => clinics.id, { onDelete: "cascade" }),
    stripeCustomerId: text("stripe_customer_id").notNull().unique(),
    stripeSubscriptionId: text("stripe_subscription_id").unique(),
    status: text("status").$type<SubscriptionStatus>().notNull().default("incomplete"),
    /** "solo" or "clinic", from the subscription's price id (server/billing/config.ts). */
    plan: text("plan"),
    /** Seats billed: the clinic's bookable clinicians. */
    quantity: integer("quantity"),
    trialEnd: timestamp("trial_end", { withTimezone: true }),
    currentPeriodEnd: timestamp("current_period_end", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    /** First seen past due: the grace period counts from here. */
    pastDueSince: timestamp("past_due_since", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      "clinic_subscriptions_status_check",
      sql`${t.status} IN ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused')`,
    ),
  ],
);

/** One row per Stripe event handled (platform table: the app's role inserts and reads only). */
export const stripeEvents = pgTable("stripe_events", {
  id: text("id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  processedAt: timestamp("processed_at", { withTimezone: true }),
});

export type ClinicSubscription = typeof clinicSubscriptions.$inferSelect;
