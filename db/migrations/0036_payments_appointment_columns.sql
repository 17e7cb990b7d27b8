-- payments.appointment_clinician_id / appointment_type_id: the clinician and type of the appointment a
-- ledger row belongs to (null when it belongs to none), as the appointment has them now. The owner
-- dashboard's revenue splits and filters read them: it used to join every ledger row of the period
-- to its appointment, one index probe per row (the 20k-appointment clinic's four weeks: ~5,300
-- probes, ~15 ms of a ~45 ms statement). Kept by triggers in the transaction that changes them:
-- a row written or moved to an appointment copies its columns (reading the appointment FOR SHARE, so
-- a reschedule in flight either finishes first or waits for this row and then updates it), and an
-- appointment whose clinician or type changes updates its rows.
ALTER TABLE "payments" ADD COLUMN "appointment_clinician_id" uuid;
--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "appointment_type_id" uuid;
--> statement-breakpoint
UPDATE "payments" p SET "appointment_clinician_id" = a.clinician_id, "appointment_type_id" = a.type_id
  FROM "appointments" a WHERE a.clinic_id = p.clinic_id AND a.id = p.appointment_id;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_payments_appointment_columns() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  IF NEW.appointment_id IS NULL THEN
    NEW.appointment_clinician_id := NULL;
    NEW.appointment_type_id := NULL;
  ELSE
    SELECT a.clinician_id, a.type_id INTO NEW.appointment_clinician_id, NEW.appointment_type_id
      FROM appointments a WHERE a.clinic_id = NEW.clinic_id AND a.id = NEW.appointment_id
       FOR SHARE;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER payments_appointment_columns BEFORE INSERT OR UPDATE OF "appointment_id", "clinic_id", "appointment_clinician_id", "appointment_type_id" ON "payments"
  FOR EACH ROW EXECUTE FUNCTION app_payments_appointment_columns();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_appointments_payment_columns() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  UPDATE payments SET appointment_clinician_id = NEW.clinician_id, appointment_type_id = NEW.type_id
   WHERE clinic_id = NEW.clinic_id AND appointment_id = NEW.id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER appointments_payment_columns AFTER UPDATE OF "clinician_id", "type_id" ON "appointments"
  FOR EACH ROW WHEN ((OLD.clinician_id, OLD.type_id) IS DISTINCT FROM (NEW.clinician_id, NEW.type_id))
  EXECUTE FUNCTION app_appointments_payment_columns();
