-- Every access to patient data leaves a row in audit_log (reads too: patient_ids holds the patients
-- a response showed), and nobody using the app's role can rewrite that record. The app logs in as
-- junction_app itself, so a RESET ROLE smuggled into a statement stays junction_app.
ALTER TABLE audit_log ADD COLUMN patient_ids uuid[];
--> statement-breakpoint
CREATE INDEX audit_log_patient_ids_idx ON audit_log USING gin (patient_ids);
--> statement-breakpoint
CREATE INDEX audit_log_at_idx ON audit_log (clinic_id, at DESC, id DESC);
--> statement-breakpoint
CREATE INDEX audit_log_actor_idx ON audit_log (clinic_id, actor_user_id, at DESC);
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM junction_app;
--> statement-breakpoint
-- Belt and braces: should a later grant give UPDATE or DELETE back, only the table's owner (for
-- ON DELETE CASCADE / SET NULL from clinics and users, which run as the owner) may still change rows.
CREATE OR REPLACE FUNCTION app_audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF NOT pg_has_role(current_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'USAGE') THEN
      RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
      RETURN OLD;
    END IF;
    RETURN NEW;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION app_audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION app_audit_log_append_only();
--> statement-breakpoint
-- The app's requests connect as junction_app (db/client.ts appRoleUrl), not as the owner with
-- SET ROLE. junction_app is a member of no other role, so neither RESET ROLE nor SET ROLE leaves it.
-- Its password, where the server asks for one, is set at start-up (db/migrate.ts).
DO $$
BEGIN
  IF NOT (SELECT rolcanlogin FROM pg_roles WHERE rolname = 'junction_app') THEN
    ALTER ROLE junction_app LOGIN;
  END IF;
END
$$;
