-- Clinic subscriptions (Stripe Billing) and the log of Stripe events already handled.
--
-- Who writes what, and why this way: clinic_subscriptions decides whether a clinic may write at
-- all (server/trpc.ts reads it in the clinic transaction), so no clinic-scoped code path may
-- change it. The app's role can only SELECT it, through the usual forced RLS policy (a clinic sees
-- its own row). Writes go through two SECURITY DEFINER functions that take exactly the facts
-- Stripe gave us: app_billing_link_customer() (one Stripe customer per clinic, first one wins) and
-- app_billing_apply_subscription() (the webhook's re-fetched subscription, matched by customer id,
-- never by anything the request or the event payload names). A bug in a tRPC handler therefore
-- cannot mark its own clinic as paid.
--
-- stripe_events belongs to no clinic: the webhook inserts an event's id in the same transaction
-- as the state change it causes, so the unique key decides replays and concurrent duplicates and
-- a failed attempt leaves no row behind. The app's role may insert and read it and set processed_at,
-- nothing more.
CREATE TABLE clinic_subscriptions (
  clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
  stripe_customer_id text NOT NULL UNIQUE,
  stripe_subscription_id text UNIQUE,
  status text NOT NULL DEFAULT 'incomplete',
  plan text,
  quantity integer,
  trial_end timestamptz,
  current_period_end timestamptz,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  past_due_since timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT clinic_subscriptions_status_check CHECK (status IN
    ('incomplete', 'incomplete_expired', 'trialing', 'active', 'past_due', 'canceled', 'unpaid', 'paused'))
);
--> statement-breakpoint
CREATE TABLE stripe_events (
  id text PRIMARY KEY,
  type text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  processed_at timestamptz
);
--> statement-breakpoint
ALTER TABLE clinic_subscriptions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_subscriptions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinic_subscriptions
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON clinic_subscriptions FROM junction_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON stripe_events FROM junction_app;
--> statement-breakpoint
GRANT UPDATE (processed_at) ON stripe_events TO junction_app;
--> statement-breakpoint
-- The clinic's Stripe customer: stored once; a second call (double click, retry) returns the first.
-- Two statements on purpose: when a concurrent call inserted first, the SELECT (a new snapshot)
-- sees its committed row.
CREATE OR REPLACE FUNCTION app_billing_link_customer(p_clinic_id uuid, p_customer text)
  RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
  BEGIN
    INSERT INTO clinic_subscriptions (clinic_id, stripe_customer_id) VALUES (p_clinic_id, p_customer)
    ON CONFLICT (clinic_id) DO NOTHING;
    RETURN (SELECT stripe_customer_id FROM clinic_subscriptions WHERE clinic_id = p_clinic_id);
  END
  $$;
--> statement-breakpoint
-- The clinic of a Stripe customer (ids only), for the webhook before it opens the clinic transaction.
CREATE OR REPLACE FUNCTION app_billing_clinic_of_customer(p_customer text)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT clinic_id FROM clinic_subscriptions WHERE stripe_customer_id = p_customer $$;
--> statement-breakpoint
-- A subscription as Stripe reports it now, for the clinic whose customer it belongs to. Returns the
-- clinic's id, or null for a customer we do not know (or a subscription that is not the clinic's:
-- another subscription of the customer replaces the stored one only while it is live, so a late
-- event about a trial cancelled in favour of a paid subscription changes nothing). past_due_since
-- starts the grace period the first time the subscription is seen past due; any other status clears it.
CREATE OR REPLACE FUNCTION app_billing_apply_subscription(
  p_customer text, p_subscription text, p_status text, p_plan text, p_quantity integer,
  p_trial_end timestamptz, p_current_period_end timestamptz, p_cancel_at_period_end boolean)
  RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
    UPDATE clinic_subscriptions s SET
      stripe_subscription_id = p_subscription,
      status = p_status,
      plan = p_plan,
      quantity = p_quantity,
      trial_end = p_trial_end,
      current_period_end = p_current_period_end,
      cancel_at_period_end = p_cancel_at_period_end,
      past_due_since = CASE WHEN p_status = 'past_due' THEN coalesce(s.past_due_since, now()) END,
      updated_at = now()
    WHERE s.stripe_customer_id = p_customer
      AND (s.stripe_subscription_id IS NULL OR s.stripe_subscription_id = p_subscription
           OR p_status IN ('trialing', 'active', 'past_due'))
    RETURNING s.clinic_id
  $$;
--> statement-breakpoint
-- Every clinic's id (ids only), for the daily seat and state reconciliation across clinics.
CREATE OR REPLACE FUNCTION app_billing_clinic_ids()
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT id FROM clinics ORDER BY created_at $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_billing_clinic_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_billing_clinic_ids() TO junction_app;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_billing_link_customer(uuid, text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_billing_clinic_of_customer(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_billing_apply_subscription(text, text, text, text, integer, timestamptz, timestamptz, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_billing_link_customer(uuid, text) TO junction_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_billing_clinic_of_customer(text) TO junction_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_billing_apply_subscription(text, text, text, text, integer, timestamptz, timestamptz, boolean) TO junction_app;
--> statement-breakpoint
-- Billing emails to a clinic's owners go through the messages pipeline (server/messages/).
ALTER TYPE message_kind ADD VALUE IF NOT EXISTS 'billing_trial_ending';
--> statement-breakpoint
ALTER TYPE message_kind ADD VALUE IF NOT EXISTS 'billing_payment_failed';
