-- patient_balances: what each patient owes now (charges and refunds minus payments, succeeded ledger
-- rows), per currency and per the clinician and type of the rows' appointments (payments 0036) — the
-- owner dashboard's "outstanding at the end of the period" is this balance less the rows written
-- since (a few weeks of rows), instead of every patient's whole ledger history, read twice per load.
-- Kept by a row trigger on payments, in the same transaction, by adding each row's change to the
-- balance it belongs to (INSERT … ON CONFLICT DO UPDATE: concurrent writers queue on the row), so
-- it always equals the sum over the ledger. The app's role may only read it; RLS as everywhere.
-- app_payment_owing is the one definition of what a ledger row adds to what the patient owes.
CREATE OR REPLACE FUNCTION app_payment_owing(p_kind text, p_amount_minor integer) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN CASE WHEN p_kind IN ('visit_charge', 'fee', 'refund') THEN p_amount_minor ELSE -p_amount_minor END;
--> statement-breakpoint
CREATE TABLE "patient_balances" (
  "clinic_id" uuid NOT NULL,
  "id" uuid NOT NULL DEFAULT gen_random_uuid(),
  "patient_id" uuid NOT NULL,
  "currency" char(3) NOT NULL,
  "appointment_clinician_id" uuid,
  "appointment_type_id" uuid,
  "balance_minor" bigint NOT NULL,
  PRIMARY KEY ("clinic_id", "id"),
  -- one balance per patient, currency, clinician and type (no clinician or type counts as one value)
  CONSTRAINT "patient_balances_key" UNIQUE NULLS NOT DISTINCT
    ("clinic_id", "patient_id", "currency", "appointment_clinician_id", "appointment_type_id"),
  FOREIGN KEY ("clinic_id", "patient_id") REFERENCES "patients" ("clinic_id", "id") ON DELETE CASCADE
);
--> statement-breakpoint
ALTER TABLE "patient_balances" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "patient_balances" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON "patient_balances"
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "patient_balances" FROM junction_app;
--> statement-breakpoint
GRANT SELECT ON "patient_balances" TO junction_app;
--> statement-breakpoint
INSERT INTO "patient_balances"
  (clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id, balance_minor)
SELECT clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id,
       sum(app_payment_owing(kind, amount_minor))
  FROM payments WHERE status = 'succeeded'
 GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_payments_balance_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'succeeded' THEN
    INSERT INTO patient_balances AS b
      (clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id, balance_minor)
    VALUES (OLD.clinic_id, OLD.patient_id, OLD.currency, OLD.appointment_clinician_id, OLD.appointment_type_id,
            -app_payment_owing(OLD.kind, OLD.amount_minor))
    ON CONFLICT ON CONSTRAINT patient_balances_key
      DO UPDATE SET balance_minor = b.balance_minor + EXCLUDED.balance_minor;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'succeeded' THEN
    INSERT INTO patient_balances AS b
      (clinic_id, patient_id, currency, appointment_clinician_id, appointment_type_id, balance_minor)
    VALUES (NEW.clinic_id, NEW.patient_id, NEW.currency, NEW.appointment_clinician_id, NEW.appointment_type_id,
            app_payment_owing(NEW.kind, NEW.amount_minor))
    ON CONFLICT ON CONSTRAINT patient_balances_key
      DO UPDATE SET balance_minor = b.balance_minor + EXCLUDED.balance_minor;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER payments_balance_insert AFTER INSERT ON "payments" FOR EACH ROW
  WHEN (NEW.status = 'succeeded') EXECUTE FUNCTION app_payments_balance_sync();
--> statement-breakpoint
CREATE TRIGGER payments_balance_update AFTER UPDATE ON "payments" FOR EACH ROW
  WHEN ((OLD.status = 'succeeded' OR NEW.status = 'succeeded')
        AND (OLD.status, OLD.kind, OLD.amount_minor, OLD.clinic_id, OLD.patient_id, OLD.currency,
             OLD.appointment_clinician_id, OLD.appointment_type_id)
            IS DISTINCT FROM
            (NEW.status, NEW.kind, NEW.amount_minor, NEW.clinic_id, NEW.patient_id, NEW.currency,
             NEW.appointment_clinician_id, NEW.appointment_type_id))
  EXECUTE FUNCTION app_payments_balance_sync();
--> statement-breakpoint
CREATE TRIGGER payments_balance_delete AFTER DELETE ON "payments" FOR EACH ROW
  WHEN (OLD.status = 'succeeded') EXECUTE FUNCTION app_payments_balance_sync();
