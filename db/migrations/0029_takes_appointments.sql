-- "Takes appointments" is a property of a membership, not of the clinician role: a solo PT who owns
-- the clinic is booked like any clinician. Only owners and clinicians may take appointments (check);
-- a new membership takes them when its role is clinician unless the insert says otherwise (trigger:
-- a column default cannot read the role). Existing clinics: clinicians take appointments; owners
-- do only where the clinic has no clinician, i.e. the owner is the clinic's only practitioner.
-- Working hours stay in memberships.working_hours, now for any member who takes appointments.
ALTER TABLE "memberships" ADD COLUMN "takes_appointments" boolean;--> statement-breakpoint
UPDATE "memberships" m SET "takes_appointments" = CASE
    WHEN m."role" = 'clinician' THEN true
    WHEN m."role" = 'owner' THEN NOT EXISTS (
      SELECT 1 FROM "memberships" c WHERE c."clinic_id" = m."clinic_id" AND c."role" = 'clinician')
    ELSE false
  END;--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "takes_appointments" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_takes_appointments_role_check"
  CHECK (NOT "takes_appointments" OR "role" IN ('owner', 'clinician'));--> statement-breakpoint
CREATE FUNCTION app_membership_takes_appointments_default() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.takes_appointments IS NULL THEN
    NEW.takes_appointments := NEW.role = 'clinician';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER memberships_takes_appointments_default BEFORE INSERT ON "memberships"
  FOR EACH ROW EXECUTE FUNCTION app_membership_takes_appointments_default();--> statement-breakpoint
CREATE INDEX "memberships_bookable_idx" ON "memberships" USING btree ("clinic_id") WHERE "takes_appointments";
