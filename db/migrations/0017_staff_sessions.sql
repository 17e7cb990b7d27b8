-- Staff sessions that the server can end: one row per sign-in, named by the session JWT (claim "sid").
-- Not clinic data (it belongs to a user, like users and login_attempts): no RLS; the app's role may
-- read, insert and update rows but never delete them (an ended session stays as a record). The check
-- run on every request needs the strictest idle timeout across the user's clinics, which RLS hides
-- from the app's role, so it is one SECURITY DEFINER function answering for one session only.
ALTER TABLE clinics ADD COLUMN idle_timeout_minutes integer NOT NULL DEFAULT 30;
--> statement-breakpoint
ALTER TABLE clinics ADD CONSTRAINT clinics_idle_timeout_range CHECK (idle_timeout_minutes BETWEEN 15 AND 240);
--> statement-breakpoint
CREATE TABLE staff_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  ended_reason text,
  CONSTRAINT staff_sessions_ended_reason CHECK (
    (ended_at IS NULL AND ended_reason IS NULL)
    OR (ended_at IS NOT NULL AND ended_reason IN
      ('signed_out', 'idle', 'expired', 'password_changed', 'signed_out_everywhere', 'removed_from_clinic'))
  )
);
--> statement-breakpoint
CREATE INDEX staff_sessions_user_live_idx ON staff_sessions (user_id) WHERE ended_at IS NULL;
--> statement-breakpoint
REVOKE ALL ON staff_sessions FROM junction_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON staff_sessions TO junction_app;
--> statement-breakpoint
-- The per-request check, one statement's worth of work: is this session live? It ends the session
-- when it has been idle longer than the strictest timeout of the user's clinics (30 minutes with no
-- clinic) or is older than p_max_age_seconds, and records activity at most once a minute (p_touch).
-- Answers ended_reason (null when live), the idle timeout that applies and the recorded last activity.
CREATE OR REPLACE FUNCTION app_check_staff_session(
  p_session_id uuid, p_user_id uuid, p_now timestamptz, p_touch boolean, p_max_age_seconds integer
)
  RETURNS TABLE (ended_reason text, idle_timeout_minutes integer, last_seen_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
  AS $$
  #variable_conflict use_column
  DECLARE
    s staff_sessions%ROWTYPE;
    timeout integer;
    reason text;
  BEGIN
    SELECT * INTO s FROM staff_sessions WHERE id = p_session_id AND user_id = p_user_id;
    IF NOT FOUND THEN
      RETURN QUERY SELECT 'unknown'::text, NULL::integer, NULL::timestamptz;
      RETURN;
    END IF;
    SELECT coalesce(min(c.idle_timeout_minutes), 30) INTO timeout
      FROM memberships m JOIN clinics c ON c.id = m.clinic_id WHERE m.user_id = p_user_id;
    IF s.ended_at IS NOT NULL THEN
      RETURN QUERY SELECT s.ended_reason, timeout, s.last_seen_at;
      RETURN;
    END IF;
    reason := CASE
      WHEN s.created_at + make_interval(secs => p_max_age_seconds) <= p_now THEN 'expired'
      WHEN s.last_seen_at + make_interval(mins => timeout) <= p_now THEN 'idle'
    END;
    IF reason IS NOT NULL THEN
      UPDATE staff_sessions SET ended_at = p_now, ended_reason = reason WHERE id = s.id AND ended_at IS NULL;
      RETURN QUERY SELECT reason, timeout, s.last_seen_at;
      RETURN;
    END IF;
    IF p_touch AND s.last_seen_at <= p_now - interval '1 minute' THEN
      UPDATE staff_sessions SET last_seen_at = p_now WHERE id = s.id AND ended_at IS NULL;
      s.last_seen_at := p_now;
    END IF;
    RETURN QUERY SELECT NULL::text, timeout, s.last_seen_at;
  END
  $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_check_staff_session(uuid, uuid, timestamptz, boolean, integer) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_check_staff_session(uuid, uuid, timestamptz, boolean, integer) TO junction_app;
