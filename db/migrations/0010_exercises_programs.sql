CREATE TYPE "public"."program_status" AS ENUM('draft', 'assigned', 'archived');--> statement-breakpoint
CREATE TABLE "clinic_exercises" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"purpose" text NOT NULL,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"cues" text[] DEFAULT '{}'::text[] NOT NULL,
	"mistakes" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"difficulty" smallint NOT NULL,
	"precautions" text[] DEFAULT '{}'::text[] NOT NULL,
	"sets" smallint NOT NULL,
	"reps" smallint,
	"hold_seconds" smallint,
	"side" text NOT NULL,
	"times_per_day" smallint NOT NULL,
	"days_per_week" smallint NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, name || ' ' || app_text_join(aliases)), 'A') || setweight(to_tsvector('english'::regconfig, purpose), 'B') || setweight(to_tsvector('english'::regconfig, app_text_join(cues)), 'C') || setweight(to_tsvector('english'::regconfig, app_text_join(steps)), 'D')) STORED NOT NULL,
	"name_terms" text GENERATED ALWAYS AS (lower(name || ' ' || app_text_join(aliases))) STORED NOT NULL,
	"image_url" text,
	"video_url" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_exercises_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "clinic_exercises_sets_check" CHECK ("clinic_exercises"."sets" BETWEEN 1 AND 20),
	CONSTRAINT "clinic_exercises_reps_check" CHECK ("clinic_exercises"."reps" IS NULL OR "clinic_exercises"."reps" BETWEEN 1 AND 300),
	CONSTRAINT "clinic_exercises_hold_check" CHECK ("clinic_exercises"."hold_seconds" IS NULL OR "clinic_exercises"."hold_seconds" BETWEEN 0 AND 600),
	CONSTRAINT "clinic_exercises_work_check" CHECK ("clinic_exercises"."reps" IS NOT NULL OR "clinic_exercises"."hold_seconds" IS NOT NULL),
	CONSTRAINT "clinic_exercises_side_check" CHECK ("clinic_exercises"."side" IN ('both', 'left', 'right', 'alternating', 'none')),
	CONSTRAINT "clinic_exercises_times_check" CHECK ("clinic_exercises"."times_per_day" BETWEEN 1 AND 5),
	CONSTRAINT "clinic_exercises_days_check" CHECK ("clinic_exercises"."days_per_week" BETWEEN 1 AND 7),
	CONSTRAINT "clinic_exercises_difficulty_check" CHECK ("clinic_exercises"."difficulty" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE TABLE "clinic_hidden_exercises" (
	"clinic_id" uuid NOT NULL,
	"exercise_id" uuid NOT NULL,
	"hidden_by" uuid,
	"hidden_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "clinic_hidden_exercises_clinic_id_exercise_id_pk" PRIMARY KEY("clinic_id","exercise_id")
);
--> statement-breakpoint
CREATE TABLE "library_exercises" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"purpose" text NOT NULL,
	"steps" text[] DEFAULT '{}'::text[] NOT NULL,
	"cues" text[] DEFAULT '{}'::text[] NOT NULL,
	"mistakes" text[] DEFAULT '{}'::text[] NOT NULL,
	"regions" text[] DEFAULT '{}'::text[] NOT NULL,
	"category" text NOT NULL,
	"equipment" text[] DEFAULT '{}'::text[] NOT NULL,
	"difficulty" smallint NOT NULL,
	"precautions" text[] DEFAULT '{}'::text[] NOT NULL,
	"sets" smallint NOT NULL,
	"reps" smallint,
	"hold_seconds" smallint,
	"side" text NOT NULL,
	"times_per_day" smallint NOT NULL,
	"days_per_week" smallint NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, name || ' ' || app_text_join(aliases)), 'A') || setweight(to_tsvector('english'::regconfig, purpose), 'B') || setweight(to_tsvector('english'::regconfig, app_text_join(cues)), 'C') || setweight(to_tsvector('english'::regconfig, app_text_join(steps)), 'D')) STORED NOT NULL,
	"name_terms" text GENERATED ALWAYS AS (lower(name || ' ' || app_text_join(aliases))) STORED NOT NULL,
	"illustration" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "library_exercises_slug_unique" UNIQUE("slug"),
	CONSTRAINT "library_exercises_sets_check" CHECK ("library_exercises"."sets" BETWEEN 1 AND 20),
	CONSTRAINT "library_exercises_reps_check" CHECK ("library_exercises"."reps" IS NULL OR "library_exercises"."reps" BETWEEN 1 AND 300),
	CONSTRAINT "library_exercises_hold_check" CHECK ("library_exercises"."hold_seconds" IS NULL OR "library_exercises"."hold_seconds" BETWEEN 0 AND 600),
	CONSTRAINT "library_exercises_work_check" CHECK ("library_exercises"."reps" IS NOT NULL OR "library_exercises"."hold_seconds" IS NOT NULL),
	CONSTRAINT "library_exercises_side_check" CHECK ("library_exercises"."side" IN ('both', 'left', 'right', 'alternating', 'none')),
	CONSTRAINT "library_exercises_times_check" CHECK ("library_exercises"."times_per_day" BETWEEN 1 AND 5),
	CONSTRAINT "library_exercises_days_check" CHECK ("library_exercises"."days_per_week" BETWEEN 1 AND 7),
	CONSTRAINT "library_exercises_difficulty_check" CHECK ("library_exercises"."difficulty" BETWEEN 1 AND 3)
);
--> statement-breakpoint
CREATE TABLE "exercise_logs" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"patient_id" uuid NOT NULL,
	"day" date NOT NULL,
	"done" boolean NOT NULL,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exercise_logs_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "exercise_logs_item_day_unique" UNIQUE("clinic_id","item_id","day")
);
--> statement-breakpoint
CREATE TABLE "plan_feedback" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"patient_id" uuid NOT NULL,
	"day" date NOT NULL,
	"pain" smallint NOT NULL,
	"comment" text,
	"logged_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_feedback_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "plan_feedback_program_day_unique" UNIQUE("clinic_id","program_id","day"),
	CONSTRAINT "plan_feedback_pain_check" CHECK ("plan_feedback"."pain" BETWEEN 0 AND 10),
	CONSTRAINT "plan_feedback_comment_check" CHECK ("plan_feedback"."comment" IS NULL OR char_length("plan_feedback"."comment") <= 1000)
);
--> statement-breakpoint
CREATE TABLE "program_items" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"position" smallint NOT NULL,
	"phase_index" smallint NOT NULL,
	"library_exercise_id" uuid,
	"clinic_exercise_id" uuid,
	"sets" smallint NOT NULL,
	"reps" smallint,
	"hold_seconds" smallint,
	"side" text NOT NULL,
	"times_per_day" smallint NOT NULL,
	"days_per_week" smallint NOT NULL,
	"note" text,
	CONSTRAINT "program_items_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "program_items_position_unique" UNIQUE("clinic_id","program_id","version","position"),
	CONSTRAINT "program_items_version_item_unique" UNIQUE("clinic_id","program_id","version","id"),
	CONSTRAINT "program_items_exercise_check" CHECK (num_nonnulls("program_items"."library_exercise_id", "program_items"."clinic_exercise_id") = 1),
	CONSTRAINT "program_items_note_check" CHECK ("program_items"."note" IS NULL OR char_length("program_items"."note") <= 500),
	CONSTRAINT "program_items_sets_check" CHECK ("program_items"."sets" BETWEEN 1 AND 20),
	CONSTRAINT "program_items_reps_check" CHECK ("program_items"."reps" IS NULL OR "program_items"."reps" BETWEEN 1 AND 300),
	CONSTRAINT "program_items_hold_check" CHECK ("program_items"."hold_seconds" IS NULL OR "program_items"."hold_seconds" BETWEEN 0 AND 600),
	CONSTRAINT "program_items_work_check" CHECK ("program_items"."reps" IS NOT NULL OR "program_items"."hold_seconds" IS NOT NULL),
	CONSTRAINT "program_items_side_check" CHECK ("program_items"."side" IN ('both', 'left', 'right', 'alternating', 'none')),
	CONSTRAINT "program_items_times_check" CHECK ("program_items"."times_per_day" BETWEEN 1 AND 5),
	CONSTRAINT "program_items_days_check" CHECK ("program_items"."days_per_week" BETWEEN 1 AND 7)
);
--> statement-breakpoint
CREATE TABLE "program_templates" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"phases" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "program_templates_clinic_id_id_pk" PRIMARY KEY("clinic_id","id")
);
--> statement-breakpoint
CREATE TABLE "program_versions" (
	"clinic_id" uuid NOT NULL,
	"program_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"days_per_week" smallint NOT NULL,
	"phases" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"assigned_at" timestamp with time zone,
	"assigned_by" uuid,
	CONSTRAINT "program_versions_clinic_id_program_id_version_pk" PRIMARY KEY("clinic_id","program_id","version"),
	CONSTRAINT "program_versions_days_check" CHECK ("program_versions"."days_per_week" BETWEEN 1 AND 7),
	CONSTRAINT "program_versions_version_check" CHECK ("program_versions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "programs" (
	"clinic_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"title" text NOT NULL,
	"status" "program_status" DEFAULT 'draft' NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"assigned_version" integer,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "programs_clinic_id_id_pk" PRIMARY KEY("clinic_id","id"),
	CONSTRAINT "programs_patient_unique" UNIQUE("clinic_id","id","patient_id"),
	CONSTRAINT "programs_versions_check" CHECK ("programs"."assigned_version" IS NULL OR "programs"."assigned_version" BETWEEN 1 AND "programs"."current_version")
);
--> statement-breakpoint
ALTER TABLE "clinic_exercises" ADD CONSTRAINT "clinic_exercises_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_exercises" ADD CONSTRAINT "clinic_exercises_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_hidden_exercises" ADD CONSTRAINT "clinic_hidden_exercises_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_hidden_exercises" ADD CONSTRAINT "clinic_hidden_exercises_exercise_id_library_exercises_id_fk" FOREIGN KEY ("exercise_id") REFERENCES "public"."library_exercises"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinic_hidden_exercises" ADD CONSTRAINT "clinic_hidden_exercises_hidden_by_users_id_fk" FOREIGN KEY ("hidden_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_item_fk" FOREIGN KEY ("clinic_id","program_id","version","item_id") REFERENCES "public"."program_items"("clinic_id","program_id","version","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exercise_logs" ADD CONSTRAINT "exercise_logs_program_patient_fk" FOREIGN KEY ("clinic_id","program_id","patient_id") REFERENCES "public"."programs"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_feedback" ADD CONSTRAINT "plan_feedback_version_fk" FOREIGN KEY ("clinic_id","program_id","version") REFERENCES "public"."program_versions"("clinic_id","program_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_feedback" ADD CONSTRAINT "plan_feedback_program_patient_fk" FOREIGN KEY ("clinic_id","program_id","patient_id") REFERENCES "public"."programs"("clinic_id","id","patient_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_version_fk" FOREIGN KEY ("clinic_id","program_id","version") REFERENCES "public"."program_versions"("clinic_id","program_id","version") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_library_exercise_id_library_exercises_id_fk" FOREIGN KEY ("library_exercise_id") REFERENCES "public"."library_exercises"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_items" ADD CONSTRAINT "program_items_clinic_exercise_fk" FOREIGN KEY ("clinic_id","clinic_exercise_id") REFERENCES "public"."clinic_exercises"("clinic_id","id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_clinic_id_clinics_id_fk" FOREIGN KEY ("clinic_id") REFERENCES "public"."clinics"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_templates" ADD CONSTRAINT "program_templates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_clinic_id_program_id_programs_clinic_id_id_fk" FOREIGN KEY ("clinic_id","program_id") REFERENCES "public"."programs"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "program_versions" ADD CONSTRAINT "program_versions_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_clinic_id_patient_id_patients_clinic_id_id_fk" FOREIGN KEY ("clinic_id","patient_id") REFERENCES "public"."patients"("clinic_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "clinic_exercises_search_idx" ON "clinic_exercises" USING gin ("search");--> statement-breakpoint
CREATE INDEX "clinic_exercises_name_trgm_idx" ON "clinic_exercises" USING gin ("name_terms" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "library_exercises_search_idx" ON "library_exercises" USING gin ("search");--> statement-breakpoint
CREATE INDEX "library_exercises_name_trgm_idx" ON "library_exercises" USING gin ("name_terms" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "exercise_logs_program_day_idx" ON "exercise_logs" USING btree ("clinic_id","program_id","day");--> statement-breakpoint
CREATE UNIQUE INDEX "program_templates_name_unique" ON "program_templates" USING btree ("clinic_id",lower("name"));--> statement-breakpoint
CREATE INDEX "programs_patient_idx" ON "programs" USING btree ("clinic_id","patient_id");