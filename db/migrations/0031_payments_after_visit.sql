-- After the visit (server/payments/: charges, fees, recorded payments, refunds, payment links, revenue).
-- * clinics: the no-show and late-cancellation fees (minor units of clinics.currency; null = no fee)
--   and whether a fee is charged to the card on file automatically when the appointment is marked
--   (off by default: the front desk charges it with one click and a confirmation).
-- * appointments.cancelled_by: who cancelled ('patient' or 'clinic'); a clinic's cancellation refunds
--   deposits and prepayments and never carries a fee. Null for rows cancelled before this migration.
-- * payments: at most one visit charge and one fee per appointment, whatever the race (unique
--   indexes, not JavaScript checks); an index for the refunds of a payment.
-- * message kinds for the patient's receipt and the emailed payment link (sent by the messages worker).
ALTER TABLE clinics
  ADD COLUMN no_show_fee_minor integer,
  ADD COLUMN late_cancel_fee_minor integer,
  ADD COLUMN auto_charge_fees boolean NOT NULL DEFAULT false;
--> statement-breakpoint
ALTER TABLE clinics ADD CONSTRAINT clinics_fees_check CHECK (
  (no_show_fee_minor IS NULL OR (no_show_fee_minor > 0 AND no_show_fee_minor <= 10000000))
  AND (late_cancel_fee_minor IS NULL OR (late_cancel_fee_minor > 0 AND late_cancel_fee_minor <= 10000000)));
--> statement-breakpoint
ALTER TABLE appointments ADD COLUMN cancelled_by text;
--> statement-breakpoint
ALTER TABLE appointments ADD CONSTRAINT appointments_cancelled_by_check
  CHECK (cancelled_by IS NULL OR cancelled_by IN ('patient', 'clinic'));
--> statement-breakpoint
CREATE UNIQUE INDEX payments_one_visit_charge ON payments (clinic_id, appointment_id) WHERE kind = 'visit_charge';
--> statement-breakpoint
CREATE UNIQUE INDEX payments_one_fee ON payments (clinic_id, appointment_id) WHERE kind = 'fee';
--> statement-breakpoint
CREATE INDEX payments_refund_of_idx ON payments (clinic_id, refund_of) WHERE refund_of IS NOT NULL;
--> statement-breakpoint
ALTER TYPE message_kind ADD VALUE IF NOT EXISTS 'payment_receipt';
--> statement-breakpoint
ALTER TYPE message_kind ADD VALUE IF NOT EXISTS 'payment_link';
