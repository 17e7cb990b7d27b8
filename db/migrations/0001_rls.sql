-- Tenant isolation backed by PostgreSQL: the application runs as junction_app, which owns nothing
-- and cannot bypass row-level security. Every tenant table is visible only for the clinic set in
-- app.clinic_id (set per transaction by server/tenancy.ts).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'junction_app') THEN
    CREATE ROLE junction_app NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END
$$;
--> statement-breakpoint
GRANT junction_app TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO junction_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO junction_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO junction_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO junction_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO junction_app;
--> statement-breakpoint
ALTER TABLE clinics ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE clinics FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON clinics
  USING (id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON memberships
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE patients FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON patients
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON audit_log
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
-- The few questions asked before a clinic is chosen, answered by the table owner on purpose:
-- which clinics a signed-in user belongs to, and the public face of a clinic by slug.
CREATE OR REPLACE FUNCTION app_user_clinics(p_user_id uuid)
  RETURNS TABLE (clinic_id uuid, slug text, name text, time_zone text, role member_role)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$
    SELECT c.id, c.slug, c.name, c.time_zone, m.role
    FROM memberships m JOIN clinics c ON c.id = m.clinic_id
    WHERE m.user_id = p_user_id
    ORDER BY c.name
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_clinic_by_slug(p_slug text)
  RETURNS TABLE (clinic_id uuid, slug text, name text, time_zone text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
  AS $$ SELECT c.id, c.slug, c.name, c.time_zone FROM clinics c WHERE c.slug = p_slug $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_user_clinics(uuid) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_clinic_by_slug(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_user_clinics(uuid) TO junction_app;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_clinic_by_slug(text) TO junction_app;
