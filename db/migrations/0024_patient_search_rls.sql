-- Patient search that keeps its trigram index under row-level security. LIKE and pg_trgm's
-- operators are not LEAKPROOF, so when the policy applies PostgreSQL must evaluate them after the
-- policy's qual and may not use them as index conditions: the search filtered every row of the
-- clinic instead of asking patients_search_trgm_idx. This function runs the match as the table
-- owner, only inside the clinic chosen for the transaction (app.clinic_id, which must equal the
-- clinic asked for), and returns ids only (one page of them in the list's order when p_limit is
-- given, every match otherwise); callers still read the rows themselves under RLS.
CREATE OR REPLACE FUNCTION app_patient_search_ids(p_clinic_id uuid, p_patterns text[], p_limit integer DEFAULT NULL, p_offset integer DEFAULT 0)
  RETURNS SETOF uuid
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
DECLARE
  v_clinic uuid := nullif(current_setting('app.clinic_id', true), '')::uuid;
  v_where text := '';
BEGIN
  IF v_clinic IS NULL OR v_clinic IS DISTINCT FROM p_clinic_id THEN
    RAISE EXCEPTION 'patient search needs app.clinic_id set to the clinic searched'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF coalesce(cardinality(p_patterns), 0) = 0 OR cardinality(p_patterns) > 5 THEN
    RAISE EXCEPTION 'patient search takes 1 to 5 patterns' USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- One LIKE per pattern (planned with the actual patterns, so each can be a trigram index condition);
  -- only array subscripts are spliced into the text, never the patterns themselves.
  FOR i IN 1 .. cardinality(p_patterns) LOOP
    v_where := v_where || format(' AND search_text LIKE $2[%s]', i);
  END LOOP;
  IF p_limit IS NULL THEN
    RETURN QUERY EXECUTE 'SELECT id FROM patients WHERE clinic_id = $1' || v_where USING v_clinic, p_patterns;
  ELSE
    -- Matches first (the trigram index), then the page: left to itself, the planner walks the name
    -- index in order and filters thousands of rows hoping to fill the page early.
    RETURN QUERY EXECUTE 'WITH m AS MATERIALIZED (SELECT id, lower(last_name) AS l, lower(first_name) AS f'
      || ' FROM patients WHERE clinic_id = $1' || v_where || ')'
      || ' SELECT id FROM m ORDER BY l, f, id LIMIT $3 OFFSET $4'
      USING v_clinic, p_patterns, p_limit, greatest(p_offset, 0);
  END IF;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_patient_search_ids(uuid, text[], integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_patient_search_ids(uuid, text[], integer, integer) TO junction_app;
--> statement-breakpoint
-- The calendar's "possible match" flag for a self-booked patient, for the same reason: lower() is
-- not LEAKPROOF, so under RLS the EXISTS could not use patients_email_idx / patients_name_idx and
-- read every patient once per self-booked row in the day (165 ms against 8 ms in the bench). Same
-- rule as above: only for the clinic in app.clinic_id, and it answers one boolean.
CREATE OR REPLACE FUNCTION app_self_booked_has_match(p_clinic_id uuid, p_patient_id uuid)
  RETURNS boolean
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public
AS $$
DECLARE
  v_clinic uuid := nullif(current_setting('app.clinic_id', true), '')::uuid;
BEGIN
  IF v_clinic IS NULL OR v_clinic IS DISTINCT FROM p_clinic_id THEN
    RAISE EXCEPTION 'the match check needs app.clinic_id set to the patient''s clinic'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN EXISTS (
    SELECT 1 FROM patients p JOIN patients m ON m.clinic_id = p.clinic_id
     WHERE p.clinic_id = v_clinic AND p.id = p_patient_id AND p.self_booked_at IS NOT NULL
       AND m.id <> p.id AND m.self_booked_at IS NULL
       AND (lower(m.email) = lower(p.email)
            OR (lower(m.first_name) = lower(p.first_name) AND lower(m.last_name) = lower(p.last_name)
                AND (m.date_of_birth IS NULL OR p.date_of_birth IS NULL OR m.date_of_birth = p.date_of_birth))));
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_self_booked_has_match(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_self_booked_has_match(uuid, uuid) TO junction_app;
