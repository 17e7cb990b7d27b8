-- appointments.reminded: whether a 24 h or 2 h reminder for the appointment was sent — what the owner
-- dashboard's reminder KPI compares. The dashboard used to ask the messages table once per appointment
-- it counted (an index probe each: with realistic message history, 10,000 appointments of a 12-month
-- period took ~25 ms of probes). The flag is kept by row triggers on messages, in the same transaction
-- as the change that makes it true or false, so it always equals
--   EXISTS (a message of the appointment, kind reminder_24h or reminder_2h, state sent).
ALTER TABLE "appointments" ADD COLUMN "reminded" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
UPDATE "appointments" a SET "reminded" = true
 WHERE EXISTS (SELECT 1 FROM messages r WHERE r.clinic_id = a.clinic_id AND r.appointment_id = a.id
                  AND r.kind IN ('reminder_24h', 'reminder_2h') AND r.state = 'sent');
--> statement-breakpoint
-- The one definition: sets the flag of one appointment from its messages (a no-op when it is right already).
CREATE OR REPLACE FUNCTION app_appointment_reminded_refresh(p_clinic uuid, p_appointment uuid) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  IF p_appointment IS NULL THEN
    RETURN;
  END IF;
  UPDATE appointments a
     SET reminded = x.reminded
    FROM (SELECT EXISTS (SELECT 1 FROM messages r WHERE r.clinic_id = p_clinic AND r.appointment_id = p_appointment
                            AND r.kind IN ('reminder_24h', 'reminder_2h') AND r.state = 'sent') AS reminded) x
   WHERE a.clinic_id = p_clinic AND a.id = p_appointment AND a.reminded IS DISTINCT FROM x.reminded;
END
$$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_appointment_reminded_refresh(uuid, uuid) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_messages_reminded_sync() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public
AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM app_appointment_reminded_refresh(OLD.clinic_id, OLD.appointment_id);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE')
     AND (TG_OP = 'INSERT' OR (NEW.clinic_id, NEW.appointment_id) IS DISTINCT FROM (OLD.clinic_id, OLD.appointment_id)) THEN
    PERFORM app_appointment_reminded_refresh(NEW.clinic_id, NEW.appointment_id);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Only changes that can move the flag run it: a sent reminder appears, stops being one, or goes.
CREATE TRIGGER messages_reminded_insert AFTER INSERT ON "messages" FOR EACH ROW
  WHEN (NEW.appointment_id IS NOT NULL AND NEW.kind IN ('reminder_24h', 'reminder_2h') AND NEW.state = 'sent')
  EXECUTE FUNCTION app_messages_reminded_sync();
--> statement-breakpoint
CREATE TRIGGER messages_reminded_update AFTER UPDATE OF "state", "kind", "appointment_id", "clinic_id" ON "messages" FOR EACH ROW
  WHEN ((OLD.kind IN ('reminder_24h', 'reminder_2h') AND OLD.state = 'sent')
          IS DISTINCT FROM (NEW.kind IN ('reminder_24h', 'reminder_2h') AND NEW.state = 'sent')
        OR ((NEW.kind IN ('reminder_24h', 'reminder_2h') AND NEW.state = 'sent')
            AND (OLD.clinic_id, OLD.appointment_id) IS DISTINCT FROM (NEW.clinic_id, NEW.appointment_id)))
  EXECUTE FUNCTION app_messages_reminded_sync();
--> statement-breakpoint
CREATE TRIGGER messages_reminded_delete AFTER DELETE ON "messages" FOR EACH ROW
  WHEN (OLD.appointment_id IS NOT NULL AND OLD.kind IN ('reminder_24h', 'reminder_2h') AND OLD.state = 'sent')
  EXECUTE FUNCTION app_messages_reminded_sync();
