-- Owner dashboard: where patients heard of the clinic (a clinic-editable list), the late-cancellation
-- window, the owner's no-show goal, and indexes (leading with clinic_id) for the dashboard's queries.
ALTER TABLE "clinics" ADD COLUMN "referral_sources" text[] DEFAULT ARRAY['Doctor referral', 'Friend or family', 'Search engine', 'Insurance directory', 'Social media', 'Other']::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "late_cancel_hours" integer DEFAULT 24 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_late_cancel_hours_check" CHECK ("late_cancel_hours" BETWEEN 1 AND 168);--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "no_show_goal_percent" numeric(4, 1);--> statement-breakpoint
ALTER TABLE "clinics" ADD CONSTRAINT "clinics_no_show_goal_check" CHECK ("no_show_goal_percent" IS NULL OR "no_show_goal_percent" BETWEEN 0 AND 100);--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "referral_source" text;--> statement-breakpoint
ALTER TABLE "patients" ADD CONSTRAINT "patients_referral_source_check" CHECK ("referral_source" IS NULL OR length(btrim("referral_source")) BETWEEN 1 AND 80);--> statement-breakpoint
CREATE INDEX "episodes_discharged_idx" ON "episodes" USING btree ("clinic_id", "discharged_at") WHERE "status" = 'discharged';
