-- Patient search that keeps its trigram index under row-level security. LIKE and pg_trgm's
-- operators are not LEAKPROOF, so when the policy applies PostgreSQL must evaluate them after the
-- policy's qual and may not use them as index conditions: the search filtered every row of the
-- clinic instead of asking patients_search_trgm_idx. This function runs the match as the table
-- owner, only inside the clinic chosen for the transaction (app.clinic_id, which must equal the
-- clinic asked for), and returns ids only; callers still read the rows themselves under RLS.
CREATE OR REPLACE FUNCTION app_patient_search_ids(p_clinic_id uuid, p_patterns text[])
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
  RETURN QUERY EXECUTE 'SELECT id FROM patients WHERE clinic_id = $1' || v_where USING v_clinic, p_patterns;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_patient_search_ids(uuid, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_patient_search_ids(uuid, text[]) TO junction_app;
