-- A double click on Subscribe could answer "That already exists": both calls create the clinic's
-- Stripe customer with one idempotency key, so both get the same customer id, and the second
-- INSERT named only clinic_id as its arbiter. When the two inserts overlapped, PostgreSQL met the
-- other unique key (stripe_customer_id) first and raised 23505 instead of doing nothing. Any
-- unique key now counts as "already linked"; the SELECT still returns the customer that won.
CREATE OR REPLACE FUNCTION app_billing_link_customer(p_clinic_id uuid, p_customer text)
  RETURNS text
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
  BEGIN
    INSERT INTO clinic_subscriptions (clinic_id, stripe_customer_id) VALUES (p_clinic_id, p_customer)
    ON CONFLICT DO NOTHING;
    RETURN (SELECT stripe_customer_id FROM clinic_subscriptions WHERE clinic_id = p_clinic_id);
  END
  $$;
