-- Patient payments on Stripe Connect (each clinic paid into its own connected account).
--
-- Design, for both halves of the payments work (booking here, after-visit money in server/payments/):
-- * clinics.currency: ISO 4217, one per clinic, backfilled from the clinic's zone. Every amount is an
--   integer in that currency's minor units (pence, cents; yen have none) and is stored with its currency
--   (payments.currency is a snapshot: a clinic changing currency does not rewrite history).
-- * appointment_types.price_cents becomes price_minor (same numbers: today's prices were already minor units).
-- * The payment policy sits on the appointment type: none | card_on_file | deposit | prepay, with an
--   optional different policy for a patient's first visit (null = same as the others).
-- * clinic_payment_accounts: the clinic's connected account and what Stripe last said about it
--   (account.updated). Payments are offered only while charges_enabled and not disconnected.
-- * patient_stripe_customers / patient_payment_methods: the patient's Customer and saved cards, all on
--   the clinic's connected account (direct charges), never on the platform.
-- * payment_checkouts: one Stripe Checkout Session we opened (setup or payment mode), with the appointment
--   it holds; the release job cancels a hold whose checkout did not complete by expires_at.
-- * payments: the ledger. amount_minor is always positive; the kind gives the direction:
--     owed by the patient:  visit_charge, fee
--     paid by the patient:  deposit, prepayment, payment
--     returned to patient:  refund (refund_of names the credit it returns)
--   balance = sum(owed) - sum(paid) + sum(refund), over status = 'succeeded'.
--   status: pending (waiting for Stripe) | succeeded | failed | canceled (voided). A charge or a fee
--   written by staff is 'succeeded' at once. Every write carries an idempotency key unique per clinic,
--   and every Stripe id is unique, so a replayed webhook or a double click writes one row.
-- * appointments gain the status 'pending_payment' (the exclusion constraints count it: the slot is held)
--   and hold_expires_at.
-- RLS is forced on every new tenant table, like 0005/0023. Two SECURITY DEFINER functions give the
-- webhook and the release job (which run before any clinic is chosen) ids only.
ALTER TABLE clinics ADD COLUMN currency char(3) NOT NULL DEFAULT 'USD';
--> statement-breakpoint
ALTER TABLE clinics ADD CONSTRAINT clinics_currency_check CHECK (currency ~ '^[A-Z]{3}$');
--> statement-breakpoint
UPDATE clinics SET currency = CASE
  WHEN time_zone IN ('Europe/London', 'Europe/Belfast', 'Europe/Guernsey', 'Europe/Jersey', 'Europe/Isle_of_Man') THEN 'GBP'
  WHEN time_zone IN ('Europe/Dublin', 'Europe/Paris', 'Europe/Berlin', 'Europe/Madrid', 'Europe/Rome',
    'Europe/Amsterdam', 'Europe/Brussels', 'Europe/Vienna', 'Europe/Lisbon', 'Europe/Helsinki', 'Europe/Athens',
    'Europe/Luxembourg', 'Europe/Monaco', 'Europe/Malta', 'Europe/Bratislava', 'Europe/Ljubljana', 'Europe/Tallinn',
    'Europe/Riga', 'Europe/Vilnius', 'Europe/Zagreb', 'Asia/Nicosia', 'Europe/Nicosia', 'Atlantic/Canary',
    'Atlantic/Madeira', 'Atlantic/Azores') THEN 'EUR'
  WHEN time_zone IN ('Europe/Zurich') THEN 'CHF'
  WHEN time_zone IN ('Europe/Stockholm') THEN 'SEK'
  WHEN time_zone IN ('Europe/Oslo') THEN 'NOK'
  WHEN time_zone IN ('Europe/Copenhagen') THEN 'DKK'
  WHEN time_zone IN ('Europe/Warsaw') THEN 'PLN'
  WHEN time_zone IN ('America/Toronto', 'America/Vancouver', 'America/Edmonton', 'America/Winnipeg',
    'America/Halifax', 'America/St_Johns', 'America/Regina') THEN 'CAD'
  WHEN time_zone IN ('America/Mexico_City') THEN 'MXN'
  WHEN time_zone LIKE 'Australia/%' THEN 'AUD'
  WHEN time_zone IN ('Pacific/Auckland') THEN 'NZD'
  WHEN time_zone IN ('Asia/Tokyo') THEN 'JPY'
  WHEN time_zone IN ('Asia/Singapore') THEN 'SGD'
  ELSE 'USD' END;
--> statement-breakpoint
ALTER TABLE appointment_types RENAME COLUMN price_cents TO price_minor;
--> statement-breakpoint
ALTER TABLE appointment_types DROP CONSTRAINT appointment_types_price_check;
--> statement-breakpoint
ALTER TABLE appointment_types ADD CONSTRAINT appointment_types_price_check CHECK (price_minor >= 0 AND price_minor <= 10000000);
--> statement-breakpoint
ALTER TABLE appointment_types
  ADD COLUMN payment_policy text NOT NULL DEFAULT 'none',
  ADD COLUMN deposit_minor integer,
  ADD COLUMN first_visit_policy text,
  ADD COLUMN first_visit_deposit_minor integer;
--> statement-breakpoint
ALTER TABLE appointment_types ADD CONSTRAINT appointment_types_payment_policy_check CHECK (
  payment_policy IN ('none', 'card_on_file', 'deposit', 'prepay')
  AND (first_visit_policy IS NULL OR first_visit_policy IN ('none', 'card_on_file', 'deposit', 'prepay'))
  AND (deposit_minor IS NULL OR (deposit_minor > 0 AND deposit_minor <= 10000000))
  AND (first_visit_deposit_minor IS NULL OR (first_visit_deposit_minor > 0 AND first_visit_deposit_minor <= 10000000))
  AND (payment_policy <> 'deposit' OR deposit_minor IS NOT NULL)
  AND (coalesce(first_visit_policy, '') <> 'deposit' OR first_visit_deposit_minor IS NOT NULL)
  AND ((payment_policy <> 'prepay' AND coalesce(first_visit_policy, '') <> 'prepay') OR price_minor > 0)
);
--> statement-breakpoint
ALTER TYPE appointment_status ADD VALUE IF NOT EXISTS 'pending_payment';
--> statement-breakpoint
ALTER TABLE appointments ADD COLUMN hold_expires_at timestamptz;
--> statement-breakpoint
CREATE INDEX appointments_hold_idx ON appointments (hold_expires_at) WHERE hold_expires_at IS NOT NULL;
--> statement-breakpoint
CREATE TABLE clinic_payment_accounts (
  clinic_id uuid PRIMARY KEY REFERENCES clinics(id) ON DELETE CASCADE,
  stripe_account_id text NOT NULL UNIQUE,
  details_submitted boolean NOT NULL DEFAULT false,
  charges_enabled boolean NOT NULL DEFAULT false,
  payouts_enabled boolean NOT NULL DEFAULT false,
  platform_fee_bps integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  status_updated_at timestamptz,
  disconnected_at timestamptz,
  CONSTRAINT clinic_payment_accounts_fee_check CHECK (platform_fee_bps >= 0 AND platform_fee_bps <= 5000)
);
--> statement-breakpoint
CREATE TABLE patient_stripe_customers (
  clinic_id uuid NOT NULL,
  patient_id uuid NOT NULL,
  stripe_account_id text NOT NULL,
  stripe_customer_id text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, patient_id, stripe_account_id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE patient_payment_methods (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  stripe_account_id text NOT NULL,
  stripe_customer_id text NOT NULL,
  stripe_payment_method_id text NOT NULL,
  brand text,
  last4 text,
  exp_month smallint,
  exp_year smallint,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE CASCADE,
  CONSTRAINT patient_payment_methods_pm_key UNIQUE (stripe_account_id, stripe_payment_method_id),
  CONSTRAINT patient_payment_methods_card_check CHECK (
    (last4 IS NULL OR last4 ~ '^[0-9]{4}$') AND (exp_month IS NULL OR exp_month BETWEEN 1 AND 12)
    AND (exp_year IS NULL OR exp_year BETWEEN 2000 AND 2200))
);
--> statement-breakpoint
CREATE INDEX patient_payment_methods_patient_idx ON patient_payment_methods (clinic_id, patient_id) WHERE removed_at IS NULL;
--> statement-breakpoint
CREATE TABLE payment_checkouts (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  appointment_id uuid,
  purpose text NOT NULL,
  amount_minor integer,
  currency char(3) NOT NULL,
  stripe_account_id text NOT NULL,
  stripe_checkout_session_id text UNIQUE,
  status text NOT NULL DEFAULT 'open',
  expires_at timestamptz NOT NULL,
  completed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments(clinic_id, id) ON DELETE RESTRICT,
  CONSTRAINT payment_checkouts_purpose_check CHECK (purpose IN ('card_on_file', 'deposit', 'prepayment', 'balance')),
  CONSTRAINT payment_checkouts_status_check CHECK (status IN ('open', 'completed', 'expired')),
  CONSTRAINT payment_checkouts_amount_check CHECK (
    (purpose = 'card_on_file' AND amount_minor IS NULL)
    OR (purpose <> 'card_on_file' AND amount_minor > 0 AND amount_minor <= 10000000)),
  CONSTRAINT payment_checkouts_currency_check CHECK (currency ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
CREATE INDEX payment_checkouts_appointment_idx ON payment_checkouts (clinic_id, appointment_id);
--> statement-breakpoint
CREATE INDEX payment_checkouts_open_idx ON payment_checkouts (expires_at) WHERE status = 'open';
--> statement-breakpoint
CREATE TABLE payments (
  clinic_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  patient_id uuid NOT NULL,
  appointment_id uuid,
  kind text NOT NULL,
  amount_minor integer NOT NULL,
  currency char(3) NOT NULL,
  status text NOT NULL,
  method text,
  refund_of uuid,
  checkout_id uuid,
  payment_method_id uuid,
  stripe_account_id text,
  stripe_payment_intent_id text,
  stripe_charge_id text UNIQUE,
  stripe_refund_id text UNIQUE,
  idempotency_key text NOT NULL,
  reason text,
  created_by uuid REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  settled_at timestamptz,
  PRIMARY KEY (clinic_id, id),
  FOREIGN KEY (clinic_id, patient_id) REFERENCES patients(clinic_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (clinic_id, appointment_id) REFERENCES appointments(clinic_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (clinic_id, refund_of) REFERENCES payments(clinic_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (clinic_id, checkout_id) REFERENCES payment_checkouts(clinic_id, id) ON DELETE RESTRICT,
  FOREIGN KEY (clinic_id, payment_method_id) REFERENCES patient_payment_methods(clinic_id, id) ON DELETE RESTRICT,
  CONSTRAINT payments_idempotency_key UNIQUE (clinic_id, idempotency_key),
  CONSTRAINT payments_kind_check CHECK (kind IN ('deposit', 'prepayment', 'visit_charge', 'fee', 'payment', 'refund')),
  CONSTRAINT payments_status_check CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
  CONSTRAINT payments_method_check CHECK (method IS NULL OR method IN
    ('card_online', 'card_on_file', 'card_terminal', 'cash', 'bank_transfer', 'other')),
  CONSTRAINT payments_amount_check CHECK (amount_minor > 0 AND amount_minor <= 10000000),
  CONSTRAINT payments_currency_check CHECK (currency ~ '^[A-Z]{3}$'),
  CONSTRAINT payments_refund_check CHECK ((kind = 'refund') = (refund_of IS NOT NULL)),
  CONSTRAINT payments_reason_check CHECK (reason IS NULL OR length(reason) <= 500),
  CONSTRAINT payments_idempotency_key_check CHECK (length(idempotency_key) BETWEEN 1 AND 200)
);
--> statement-breakpoint
-- A PaymentIntent pays once; its refunds share its id and are told apart by stripe_refund_id.
CREATE UNIQUE INDEX payments_payment_intent_key ON payments (stripe_payment_intent_id)
  WHERE stripe_payment_intent_id IS NOT NULL AND kind <> 'refund';
--> statement-breakpoint
CREATE INDEX payments_patient_idx ON payments (clinic_id, patient_id, created_at);
--> statement-breakpoint
CREATE INDEX payments_appointment_idx ON payments (clinic_id, appointment_id) WHERE appointment_id IS NOT NULL;
--> statement-breakpoint
CREATE INDEX payments_clinic_time_idx ON payments (clinic_id, created_at);
--> statement-breakpoint
ALTER TABLE clinic_payment_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_payment_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinic_payment_accounts
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE patient_stripe_customers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patient_stripe_customers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON patient_stripe_customers
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE patient_payment_methods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patient_payment_methods FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON patient_payment_methods
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE payment_checkouts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payment_checkouts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON payment_checkouts
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE payments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE payments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON payments
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
-- The ledger is append-mostly: rows are never deleted by the app (a mistake is voided: status 'canceled').
REVOKE DELETE, TRUNCATE ON payments FROM junction_app;
--> statement-breakpoint
-- The clinic of a connected account (ids only), for the webhook before it opens the clinic transaction.
-- A disconnected account still answers (late events about its payments must land), the caller decides.
CREATE OR REPLACE FUNCTION app_payments_clinic_of_account(p_account text)
  RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT clinic_id FROM clinic_payment_accounts WHERE stripe_account_id = p_account $$;
--> statement-breakpoint
-- Checkouts whose hold has run out (ids only), for the release job across clinics.
CREATE OR REPLACE FUNCTION app_payments_expired_checkouts(p_now timestamptz)
  RETURNS TABLE (clinic_id uuid, checkout_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT c.clinic_id, c.id FROM payment_checkouts c WHERE c.status = 'open' AND c.expires_at <= p_now
        ORDER BY c.expires_at LIMIT 500 $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_payments_clinic_of_account(text) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_payments_expired_checkouts(timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_payments_clinic_of_account(text) TO junction_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_payments_expired_checkouts(timestamptz) TO junction_app;
