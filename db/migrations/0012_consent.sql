CREATE TYPE "public"."consent_source" AS ENUM('banner', 'settings', 'gpc');--> statement-breakpoint
CREATE TABLE "consent_records" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"granted" text[] NOT NULL,
	"refused" text[] NOT NULL,
	"policy_version" integer NOT NULL,
	"banner_version" text NOT NULL,
	"source" "consent_source" NOT NULL,
	"gpc" boolean DEFAULT false NOT NULL,
	"ip_truncated" text,
	"user_agent_family" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "consent_records_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent_request_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"client_key" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consent_settings" (
	"clinic_id" uuid PRIMARY KEY NOT NULL,
	"consent_months" integer DEFAULT 12 NOT NULL,
	"policy_version" integer DEFAULT 1 NOT NULL,
	"policy_updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"tags" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_settings_months_check" CHECK ("consent_settings"."consent_months" BETWEEN 6 AND 13),
	CONSTRAINT "consent_settings_version_check" CHECK ("consent_settings"."policy_version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "platform_consent_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"granted" text[] NOT NULL,
	"refused" text[] NOT NULL,
	"policy_version" integer NOT NULL,
	"banner_version" text NOT NULL,
	"source" "consent_source" NOT NULL,
	"gpc" boolean DEFAULT false NOT NULL,
	"ip_truncated" text,
	"user_agent_family" text NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consent_records" ADD CONSTRAINT "consent_records_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_settings" ADD CONSTRAINT "consent_settings_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "consent_records_clinic_decided_idx" ON "consent_records" USING btree ("clinic_id","decided_at");--> statement-breakpoint
CREATE INDEX "consent_records_clinic_consent_idx" ON "consent_records" USING btree ("clinic_id","consent_id");--> statement-breakpoint
CREATE INDEX "consent_request_log_key_at_idx" ON "consent_request_log" USING btree ("client_key","at");--> statement-breakpoint
CREATE INDEX "consent_request_log_at_idx" ON "consent_request_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "platform_consent_records_decided_idx" ON "platform_consent_records" USING btree ("decided_at");