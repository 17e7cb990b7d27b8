-- The ledger's rows of a clinic by time, covering what the owner dashboard's revenue reads
-- (server/dashboard/revenue.ts): its rows of a period come from the index alone (an index-only scan),
-- not one heap page per row — a clinic's payments lie scattered among every other clinic's, so the
-- 20k-appointment clinic's year (17,000 rows) touched ~4,300 heap pages. The same key as before.
DROP INDEX IF EXISTS payments_clinic_time_idx;
--> statement-breakpoint
CREATE INDEX payments_clinic_time_idx ON payments (clinic_id, created_at)
  INCLUDE (status, currency, kind, amount_minor, appointment_clinician_id, appointment_type_id, patient_id);
