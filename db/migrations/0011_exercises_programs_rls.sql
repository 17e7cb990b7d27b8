-- Exercises and programs are clinic data: forced row-level security like every tenant table.
-- The global library (library_exercises) belongs to no clinic: every clinic reads it, and the
-- app's role may not change it — only the table owner's seed (db/seed/library.ts, run after
-- every migrate) writes it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON library_exercises FROM junction_app;
--> statement-breakpoint
GRANT SELECT ON library_exercises TO junction_app;
--> statement-breakpoint
ALTER TABLE clinic_exercises ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_exercises FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinic_exercises
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE clinic_hidden_exercises ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_hidden_exercises FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinic_hidden_exercises
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE programs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE programs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON programs
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE program_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON program_versions
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE program_items ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_items FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON program_items
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE program_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE program_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON program_templates
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE exercise_logs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exercise_logs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON exercise_logs
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE plan_feedback ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_feedback FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON plan_feedback
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
