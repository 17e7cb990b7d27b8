CREATE TYPE "public"."message_kind" AS ENUM('confirmation', 'reminder_24h', 'reminder_2h', 'reschedule', 'cancellation', 'plan', 'questionnaire');--> statement-breakpoint
CREATE TYPE "public"."message_state" AS ENUM('pending', 'sending', 'sent', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "job_clock" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"offset_ms" bigint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "job_clock_single_row" CHECK ("job_clock"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid,
	"patient_id" uuid,
	"kind" "message_kind" NOT NULL,
	"key" text NOT NULL,
	"starts_at" timestamp with time zone,
	"due_at" timestamp with time zone NOT NULL,
	"state" "message_state" DEFAULT 'pending' NOT NULL,
	"skip_reason" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"provider_message_id" text,
	"outbox_id" uuid,
	"to_email" text,
	"details" jsonb,
	"enqueued_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "messages_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "messages_clinic_key_unique" UNIQUE("clinic_id","key")
);
--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "reminder_24h_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "clinics" ADD COLUMN "reminder_2h_enabled" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "email_opt_out_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "from_address" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "reply_to" text;--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "headers" jsonb;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_id_appointment_id_appointments_clinic_id_id_fk" FOREIGN KEY ("clinic_id","appointment_id") REFERENCES "public"."appointments"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_pending_due_idx" ON "messages" USING btree ("due_at") WHERE state = 'pending';--> statement-breakpoint
CREATE INDEX "messages_sending_enqueued_idx" ON "messages" USING btree ("enqueued_at") WHERE state = 'sending';--> statement-breakpoint
CREATE INDEX "messages_appointment_idx" ON "messages" USING btree ("clinic_id","appointment_id");--> statement-breakpoint
CREATE INDEX "messages_clinic_due_idx" ON "messages" USING btree ("clinic_id","due_at");