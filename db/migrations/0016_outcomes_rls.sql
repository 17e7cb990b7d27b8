-- Outcome tracking is clinic data: forced row-level security like every tenant table. Answers
-- are a record of what the patient said: the app's role may insert them but never change or
-- delete them (a patient's deletion still removes them, through the foreign keys' cascade).
ALTER TABLE clinic_instrument_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinic_instrument_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinic_instrument_settings
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE episodes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE episodes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON episodes
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE outcome_schedules ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_schedules FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON outcome_schedules
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE outcome_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_requests FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON outcome_requests
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE outcome_responses ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE outcome_responses FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON outcome_responses
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON outcome_responses FROM junction_app;
