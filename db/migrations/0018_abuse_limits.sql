-- Abuse limits and self-booked patients (issue 12, section 3).
-- rate_limits: rate-limiter-flexible's Postgres store (its own column layout; the library is told the
-- table exists). Keys are HMACs of IPs, emails and clinic ids, never the values. Shared by every app
-- instance, so a limit holds however many run. It replaces login_attempts and consent_request_log.
CREATE TABLE "rate_limits" (
	"key" varchar(255) PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" bigint
);
--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO junction_app;
--> statement-breakpoint
DROP TABLE "login_attempts";
--> statement-breakpoint
DROP TABLE "consent_request_log";
--> statement-breakpoint
-- A public booking never attaches to an existing chart: it creates a patient marked self-booked,
-- which the front desk keeps (clears the mark) or merges into the matching chart.
ALTER TABLE "patients" ADD COLUMN "self_booked_at" timestamp with time zone;
--> statement-breakpoint
CREATE INDEX "patients_self_booked_idx" ON "patients" USING btree ("clinic_id") WHERE self_booked_at IS NOT NULL;
--> statement-breakpoint
-- What was merged into what: the duplicate's row is gone, its manage links still open (server/booking).
CREATE TABLE "patient_merges" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"from_patient_id" uuid NOT NULL,
	"into_patient_id" uuid NOT NULL,
	"merged_by" uuid,
	"merged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "patient_merges_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "patient_merges_from_unique" UNIQUE("clinic_id","from_patient_id")
);
--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_into_fk" FOREIGN KEY ("clinic_id","into_patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "patient_merges" ADD CONSTRAINT "patient_merges_merged_by_fk" FOREIGN KEY ("merged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE patient_merges ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patient_merges FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON patient_merges
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON patient_merges FROM junction_app;
--> statement-breakpoint
-- Merging moves a duplicate's episodes and programs to the chart: rows that name the patient beside
-- the episode or program follow it (the cascade runs as the table owner, so answers stay unchangeable
-- by the app's role).
ALTER TABLE "outcome_requests" DROP CONSTRAINT "outcome_requests_episode_fk";
--> statement-breakpoint
ALTER TABLE "outcome_requests" ADD CONSTRAINT "outcome_requests_episode_fk" FOREIGN KEY ("clinic_id","episode_id","patient_id") REFERENCES "public"."episodes"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE cascade;
--> statement-breakpoint
ALTER TABLE "outcome_responses" DROP CONSTRAINT "outcome_responses_request_fk";
--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_request_fk" FOREIGN KEY ("clinic_id","request_id","episode_id","patient_id") REFERENCES "public"."outcome_requests"("clinic_id","id","episode_id","patient_id") ON DELETE cascade ON UPDATE cascade;
--> statement-breakpoint
ALTER TABLE "exercise_logs" DROP CONSTRAINT "exercise_logs_program_patient_fk";
--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_program_patient_fk" FOREIGN KEY ("clinic_id","program_id","patient_id") REFERENCES "public"."programs"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE cascade;
--> statement-breakpoint
ALTER TABLE "plan_feedback" DROP CONSTRAINT "plan_feedback_program_patient_fk";
--> statement-breakpoint
ALTER TABLE "plan_feedback" ADD CONSTRAINT "plan_feedback_program_patient_fk" FOREIGN KEY ("clinic_id","program_id","patient_id") REFERENCES "public"."programs"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE cascade;
