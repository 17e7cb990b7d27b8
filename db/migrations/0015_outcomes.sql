CREATE TYPE "public"."episode_status" AS ENUM('active', 'discharged');--> statement-breakpoint
CREATE TYPE "public"."outcome_request_status" AS ENUM('pending', 'submitted', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."outcome_source" AS ENUM('patient', 'staff');--> statement-breakpoint
CREATE TABLE "clinic_instrument_settings" (
	"clinic_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_instrument_settings_clinic_id_instrument_key_pk" PRIMARY KEY("clinic_id","instrument_key")
);
--> statement-breakpoint
CREATE TABLE "episodes" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"clinician_id" uuid,
	"title" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"status" "episode_status" DEFAULT 'active' NOT NULL,
	"discharged_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "episodes_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "episodes_patient_unique" UNIQUE("clinic_id","id","patient_id"),
	CONSTRAINT "episodes_discharge_check" CHECK (("episodes"."status" = 'discharged') = ("episodes"."discharged_at" IS NOT NULL)),
	CONSTRAINT "episodes_title_check" CHECK (length(btrim("episodes"."title")) BETWEEN 1 AND 120)
);
--> statement-breakpoint
CREATE TABLE "outcome_requests" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" text NOT NULL,
	"occasion" text NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"status" "outcome_request_status" DEFAULT 'pending' NOT NULL,
	"draft" jsonb,
	"draft_saved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_requests_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "outcome_requests_occasion_unique" UNIQUE("clinic_id","episode_id","instrument_key","occasion"),
	CONSTRAINT "outcome_requests_episode_unique" UNIQUE("clinic_id","id","episode_id","patient_id"),
	CONSTRAINT "outcome_requests_window_check" CHECK ("outcome_requests"."closes_at" > "outcome_requests"."due_at")
);
--> statement-breakpoint
CREATE TABLE "outcome_responses" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"episode_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"instrument_version" text NOT NULL,
	"answers" jsonb NOT NULL,
	"score" numeric(6, 2),
	"unscored_reason" text,
	"answered_items" smallint NOT NULL,
	"source" "outcome_source" NOT NULL,
	"entered_by" uuid,
	"completed_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_responses_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "outcome_responses_request_unique" UNIQUE("clinic_id","request_id"),
	CONSTRAINT "outcome_responses_scored_check" CHECK (("outcome_responses"."score" IS NULL) <> ("outcome_responses"."unscored_reason" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "outcome_schedules" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"episode_id" uuid NOT NULL,
	"instrument_key" text NOT NULL,
	"at_intake" boolean DEFAULT false NOT NULL,
	"every_weeks" smallint,
	"every_visits" smallint,
	"at_discharge" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "outcome_schedules_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "outcome_schedules_instrument_unique" UNIQUE("clinic_id","episode_id","instrument_key"),
	CONSTRAINT "outcome_schedules_weeks_check" CHECK ("outcome_schedules"."every_weeks" IS NULL OR "outcome_schedules"."every_weeks" BETWEEN 1 AND 52),
	CONSTRAINT "outcome_schedules_visits_check" CHECK ("outcome_schedules"."every_visits" IS NULL OR "outcome_schedules"."every_visits" BETWEEN 1 AND 50),
	CONSTRAINT "outcome_schedules_some_time_check" CHECK ("outcome_schedules"."at_intake" OR "outcome_schedules"."at_discharge" OR "outcome_schedules"."every_weeks" IS NOT NULL OR "outcome_schedules"."every_visits" IS NOT NULL)
);
--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "outcome_review_weeks" integer DEFAULT 6 NOT NULL;--> statement-breakpoint
ALTER TABLE "clinic_instrument_settings" ADD CONSTRAINT "clinic_instrument_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_instrument_settings" ADD CONSTRAINT "clinic_instrument_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_clinician_id_users_id_fk" FOREIGN KEY ("clinician_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_requests" ADD CONSTRAINT "outcome_requests_episode_fk" FOREIGN KEY ("clinic_id","episode_id","patient_id") REFERENCES "public"."episodes"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_request_fk" FOREIGN KEY ("clinic_id","request_id","episode_id","patient_id") REFERENCES "public"."outcome_requests"("clinic_id","id","episode_id","patient_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_responses" ADD CONSTRAINT "outcome_responses_entered_by_users_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outcome_schedules" ADD CONSTRAINT "outcome_schedules_clinic_id_episode_id_episodes_clinic_id_id_fk" FOREIGN KEY ("clinic_id","episode_id") REFERENCES "public"."episodes"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "episodes_patient_idx" ON "episodes" USING btree ("clinic_id","patient_id");--> statement-breakpoint
CREATE INDEX "episodes_active_idx" ON "episodes" USING btree ("clinic_id","status");--> statement-breakpoint
CREATE INDEX "outcome_requests_patient_idx" ON "outcome_requests" USING btree ("clinic_id","patient_id","due_at");--> statement-breakpoint
CREATE INDEX "outcome_responses_episode_idx" ON "outcome_responses" USING btree ("clinic_id","episode_id","instrument_key","completed_at");