-- Consent settings and the consent log are clinic data: forced row-level security like every
-- tenant table. Decisions made on Junction's own pages (no clinic) go to platform_consent_records,
-- which the app's role may only append to: no clinic, owner or staff member can read them through
-- the app; the platform operator reads them as the table owner.
ALTER TABLE consent_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consent_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON consent_settings
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE consent_records ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consent_records FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON consent_records
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
-- Proof is not edited after the fact, not even by the clinic it belongs to.
REVOKE UPDATE, DELETE, TRUNCATE ON consent_records FROM junction_app;
--> statement-breakpoint
REVOKE SELECT, UPDATE, DELETE, TRUNCATE ON platform_consent_records FROM junction_app;
--> statement-breakpoint
GRANT INSERT ON platform_consent_records TO junction_app;
