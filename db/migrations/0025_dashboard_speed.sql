-- The owner dashboard, fast and exact.
-- 1. appointments.cancelled_at: when an appointment was cancelled (the late-cancel rule), set by the
--    database the moment a row becomes cancelled (from that statement's updated_at, which every
--    cancel sets) and never moved by later edits of the row. Backfilled from updated_at.
-- 2. dashboard_patient_visits: per patient, the arrived visits (checked in or completed) counted and
--    the first and last of them — what "new patients" and "at risk" need without reading every visit
--    of the clinic. Kept by statement triggers on appointments that recompute the patients a
--    statement touched (their rows locked first, so concurrent changes to one patient queue and
--    the later one counts the earlier). The app's role may only read it; RLS as on every tenant table.
ALTER TABLE "appointments" ADD COLUMN "cancelled_at" timestamp with time zone;
--> statement-breakpoint
UPDATE "appointments" SET "cancelled_at" = "updated_at" WHERE "status" = 'cancelled';
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_cancelled_at_check"
  CHECK (("status" = 'cancelled') = ("cancelled_at" IS NOT NULL));
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_appointment_cancelled_at() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public
AS $$
BEGIN
  IF NEW.status <> 'cancelled' THEN
    NEW.cancelled_at := NULL;
  ELSIF TG_OP = 'INSERT' THEN
    NEW.cancelled_at := coalesce(NEW.cancelled_at, NEW.updated_at);
  ELSIF OLD.status <> 'cancelled' THEN
    -- becomes cancelled now: the cancel's own timestamp, or the statement's clock when it set none
    NEW.cancelled_at := coalesce(NEW.cancelled_at,
      CASE WHEN NEW.updated_at IS DISTINCT FROM OLD.updated_at THEN NEW.updated_at ELSE now() END);
  ELSE
    NEW.cancelled_at := OLD.cancelled_at;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER appointments_cancelled_at BEFORE INSERT OR UPDATE ON "appointments"
  FOR EACH ROW EXECUTE FUNCTION app_appointment_cancelled_at();
--> statement-breakpoint
CREATE INDEX "appointments_arrived_patient_idx" ON "appointments" USING btree ("clinic_id", "patient_id", "starts_at")
  WHERE "status" IN ('checked_in', 'completed');
--> statement-breakpoint
CREATE TABLE "dashboard_patient_visits" (
  "clinic_id" uuid NOT NULL,
  "patient_id" uuid NOT NULL,
  "visits" integer NOT NULL CHECK ("visits" > 0),
  "first_visit_at" timestamp with time zone NOT NULL,
  "first_clinician_id" uuid NOT NULL,
  "first_type_id" uuid NOT NULL,
  "last_visit_at" timestamp with time zone NOT NULL,
  "last_clinician_id" uuid NOT NULL,
  PRIMARY KEY ("clinic_id", "patient_id"),
  FOREIGN KEY ("clinic_id", "patient_id") REFERENCES "patients" ("clinic_id", "id") ON DELETE CASCADE
);
--> statement-breakpoint
CREATE INDEX "dashboard_patient_visits_first_idx" ON "dashboard_patient_visits" ("clinic_id", "first_visit_at");
--> statement-breakpoint
CREATE INDEX "dashboard_patient_visits_last_idx" ON "dashboard_patient_visits" ("clinic_id", "last_visit_at");
--> statement-breakpoint
ALTER TABLE "dashboard_patient_visits" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "dashboard_patient_visits" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON "dashboard_patient_visits"
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "dashboard_patient_visits" FROM junction_app;
--> statement-breakpoint
GRANT SELECT ON "dashboard_patient_visits" TO junction_app;
--> statement-breakpoint
-- The one definition of a patient's visit summary: recomputes these patients from their appointments.
CREATE OR REPLACE FUNCTION app_dashboard_refresh_patient_visits(p_clinics uuid[], p_patients uuid[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  -- Serialize with other statements changing these patients' visits: the next statement's snapshot
  -- then sees whatever they committed.
  PERFORM 1 FROM patients p
    JOIN unnest(p_clinics, p_patients) k(clinic_id, patient_id) ON p.clinic_id = k.clinic_id AND p.id = k.patient_id
   ORDER BY p.clinic_id, p.id FOR NO KEY UPDATE OF p;
  DELETE FROM dashboard_patient_visits v USING unnest(p_clinics, p_patients) k(clinic_id, patient_id)
   WHERE v.clinic_id = k.clinic_id AND v.patient_id = k.patient_id;
  INSERT INTO dashboard_patient_visits
    (clinic_id, patient_id, visits, first_visit_at, first_clinician_id, first_type_id, last_visit_at, last_clinician_id)
  SELECT k.clinic_id, k.patient_id, n.visits, f.starts_at, f.clinician_id, f.type_id, l.starts_at, l.clinician_id
    FROM (SELECT DISTINCT clinic_id, patient_id FROM unnest(p_clinics, p_patients) u(clinic_id, patient_id)) k
    CROSS JOIN LATERAL (SELECT a.starts_at, a.clinician_id, a.type_id FROM appointments a
                         WHERE a.clinic_id = k.clinic_id AND a.patient_id = k.patient_id
                           AND a.status IN ('checked_in', 'completed')
                         ORDER BY a.starts_at, a.id LIMIT 1) f
    CROSS JOIN LATERAL (SELECT a.starts_at, a.clinician_id FROM appointments a
                         WHERE a.clinic_id = k.clinic_id AND a.patient_id = k.patient_id
                           AND a.status IN ('checked_in', 'completed')
                         ORDER BY a.starts_at DESC, a.id DESC LIMIT 1) l
    CROSS JOIN LATERAL (SELECT count(*)::int AS visits FROM appointments a
                         WHERE a.clinic_id = k.clinic_id AND a.patient_id = k.patient_id
                           AND a.status IN ('checked_in', 'completed')) n;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_dashboard_refresh_patient_visits(uuid[], uuid[]) FROM PUBLIC;
--> statement-breakpoint
-- Which patients a statement on appointments touched, as far as arrived visits go.
CREATE OR REPLACE FUNCTION app_dashboard_patient_visits_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
DECLARE
  v_clinics uuid[];
  v_patients uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(clinic_id), array_agg(patient_id) INTO v_clinics, v_patients
      FROM (SELECT DISTINCT clinic_id, patient_id FROM new_rows WHERE status IN ('checked_in', 'completed')) k;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(clinic_id), array_agg(patient_id) INTO v_clinics, v_patients
      FROM (SELECT DISTINCT clinic_id, patient_id FROM old_rows WHERE status IN ('checked_in', 'completed')) k;
  ELSE
    -- a patient moved (merge) counts for both
    SELECT array_agg(k.clinic_id), array_agg(k.patient_id) INTO v_clinics, v_patients
      FROM (SELECT DISTINCT o.clinic_id, unnest(ARRAY[o.patient_id, n.patient_id]) AS patient_id
              FROM old_rows o JOIN new_rows n ON n.clinic_id = o.clinic_id AND n.id = o.id
             WHERE (o.status IN ('checked_in', 'completed') OR n.status IN ('checked_in', 'completed'))
               AND (o.status, o.starts_at, o.clinician_id, o.type_id, o.patient_id)
                   IS DISTINCT FROM (n.status, n.starts_at, n.clinician_id, n.type_id, n.patient_id)) k;
  END IF;
  IF v_clinics IS NOT NULL THEN
    PERFORM app_dashboard_refresh_patient_visits(v_clinics, v_patients);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER appointments_patient_visits_insert AFTER INSERT ON "appointments"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_patient_visits_sync();
--> statement-breakpoint
CREATE TRIGGER appointments_patient_visits_update AFTER UPDATE ON "appointments"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_patient_visits_sync();
--> statement-breakpoint
CREATE TRIGGER appointments_patient_visits_delete AFTER DELETE ON "appointments"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_dashboard_patient_visits_sync();
--> statement-breakpoint
INSERT INTO dashboard_patient_visits
  (clinic_id, patient_id, visits, first_visit_at, first_clinician_id, first_type_id, last_visit_at, last_clinician_id)
SELECT clinic_id, patient_id, count(*)::int,
       (array_agg(starts_at ORDER BY starts_at, id))[1], (array_agg(clinician_id ORDER BY starts_at, id))[1],
       (array_agg(type_id ORDER BY starts_at, id))[1],
       (array_agg(starts_at ORDER BY starts_at DESC, id DESC))[1], (array_agg(clinician_id ORDER BY starts_at DESC, id DESC))[1]
  FROM appointments WHERE status IN ('checked_in', 'completed')
 GROUP BY clinic_id, patient_id;
