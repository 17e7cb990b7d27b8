-- The message outbox is clinic data: forced row-level security like every tenant table. The
-- worker reads and writes messages inside withClinic() like the app does; the one question it asks
-- across clinics — which messages are due — is answered by the table owner on purpose, in
-- app_claim_due_messages(), which returns ids and keys only.
ALTER TABLE messages ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE messages FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY clinic_isolation ON messages
  USING (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid))
  WITH CHECK (clinic_id = (SELECT nullif(current_setting('app.clinic_id', true), '')::uuid));
--> statement-breakpoint
INSERT INTO job_clock (id, offset_ms) VALUES (1, 0) ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Hands out due messages: pending ones whose due_at has come, and ones handed out more than
-- p_lease_seconds ago that are still not finished (their job was lost). Each is marked sending with
-- enqueued_at = p_now in the same statement; SKIP LOCKED lets several dispatchers run at once.
CREATE OR REPLACE FUNCTION app_claim_due_messages(p_now timestamptz, p_limit integer, p_lease_seconds integer)
  RETURNS TABLE (clinic_id uuid, id uuid, key text)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
    WITH due AS (
      SELECT m.clinic_id, m.id FROM messages m
      WHERE m.state = 'pending' AND m.due_at <= p_now
      ORDER BY m.due_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    ), lapsed AS (
      SELECT m.clinic_id, m.id FROM messages m
      WHERE m.state = 'sending' AND m.enqueued_at < p_now - make_interval(secs => p_lease_seconds)
      ORDER BY m.enqueued_at
      LIMIT p_limit
      FOR UPDATE SKIP LOCKED
    )
    UPDATE messages m SET state = 'sending', enqueued_at = p_now, updated_at = now()
    FROM (SELECT * FROM due UNION ALL SELECT * FROM lapsed) d
    WHERE m.clinic_id = d.clinic_id AND m.id = d.id
    RETURNING m.clinic_id, m.id, m.key
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_claim_due_messages(timestamptz, integer, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_claim_due_messages(timestamptz, integer, integer) TO junction_app;
