// The pages bench's world, seeded with set-based SQL as the table owner: one clinic ("pages") with
// an owner who signs in, ten clinicians, the default appointment types (bookable online), 20,000
// patients and four weeks of appointments around today (eight a weekday per clinician, 07:00–19:00
// on the hour, none overlapping for a clinician or a patient). Patient 1 has a plan link.
import type pg from "pg";
import { hashPassword } from "@/server/auth/password";
import { DEFAULT_APPOINTMENT_TYPES } from "@/server/scheduling/defaults";

export const TZ = "America/Los_Angeles";
export const PATIENTS = 20_000;
export const CLINICIANS = 10;
export const SLUG = "pages";
export const OWNER = { email: "owner@pages.bench.test", password: "bench-pages-password" };

export type PagesWorld = {
  clinicId: string;
  patientId: string;
  /** The next weekday in the clinic's zone (YYYY-MM-DD): the calendar day shown. */
  day: string;
  appointmentsThatDay: number;
};

export async function seedPages(pool: pg.Pool): Promise<PagesWorld> {
  const passwordHash = await hashPassword(OWNER.password);
  const { rows: clinic } = await pool.query<{ id: string }>(
    `INSERT INTO clinics (slug, name, time_zone) VALUES ($1, 'Pages Bench Physio', '${TZ}') RETURNING id`,
    [SLUG],
  );
  const clinicId = clinic[0]!.id;
  await pool.query(
    `WITH u AS (INSERT INTO users (email, name, password_hash) VALUES ($1, 'Owner Bench', $2) RETURNING id)
     INSERT INTO memberships (clinic_id, user_id, role) SELECT $3, id, 'owner' FROM u`,
    [OWNER.email, passwordHash, clinicId],
  );
  await pool.query(
    `WITH u AS (INSERT INTO users (email, name)
                SELECT 'clinician' || c || '@pages.bench.test', 'Clinician ' || lpad(c::text, 2, '0') FROM generate_series(1, $2) c
                RETURNING id)
     INSERT INTO memberships (clinic_id, user_id, role) SELECT $1, id, 'clinician' FROM u`,
    [clinicId, CLINICIANS],
  );
  const types = DEFAULT_APPOINTMENT_TYPES;
  await pool.query(
    `INSERT INTO appointment_types (clinic_id, name, duration_minutes, buffer_minutes, price_minor, online_bookable)
     SELECT $1, t.name, t.minutes, t.buffer, 10000, true FROM unnest($2::int[], $3::int[], $4::text[]) AS t(minutes, buffer, name)`,
    [clinicId, types.map((t) => t.durationMinutes), types.map((t) => t.bufferMinutes), types.map((t) => t.name)],
  );
  await pool.query(
    `INSERT INTO patients (clinic_id, first_name, last_name, email)
     SELECT $1, 'First' || g, 'Last' || (g % 5000), 'p' || g || '@pages.bench.test' FROM generate_series(1, $2) g`,
    [clinicId, PATIENTS],
  );
  // Day d (−14 … +14 from today), hour k, clinician c: booked unless (k + c + d) % 3 = 0; the patient
  // is numbered by (d, k, c), so no patient has two appointments at once.
  await pool.query(
    `WITH c AS (SELECT m.user_id, row_number() OVER (ORDER BY m.user_id) AS c FROM memberships m WHERE m.clinic_id = $1 AND m.role = 'clinician'),
          p AS (SELECT id, row_number() OVER (ORDER BY id) AS p FROM patients WHERE clinic_id = $1),
          t AS (SELECT id, duration_minutes, buffer_minutes FROM appointment_types WHERE clinic_id = $1 AND duration_minutes = 45),
          s AS (SELECT d, k, c.c, c.user_id,
                       (((now() AT TIME ZONE '${TZ}')::date + d) + make_time(7 + k, 0, 0)) AT TIME ZONE '${TZ}' AS starts_at
                  FROM generate_series(-14, 14) d, generate_series(0, 11) k, c
                 WHERE extract(isodow FROM (now() AT TIME ZONE '${TZ}')::date + d) < 6 AND (k + c.c + d + 14) % 3 <> 0)
     INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, status)
     SELECT $1, s.user_id, p.id, t.id, s.starts_at, s.starts_at + make_interval(mins => t.duration_minutes),
            s.starts_at + make_interval(mins => t.duration_minutes + t.buffer_minutes),
            (CASE WHEN s.starts_at < now() THEN 'completed' ELSE 'booked' END)::appointment_status
       FROM s JOIN p ON p.p = ((s.d + 14) * 12 + s.k) * 10 + s.c CROSS JOIN t`,
    [clinicId],
  );
  await pool.query("VACUUM ANALYZE");
  const { rows: day } = await pool.query<{ day: string; patient_id: string; n: string }>(
    `WITH next AS (
       SELECT d::date AS day FROM generate_series((now() AT TIME ZONE '${TZ}')::date + 1, (now() AT TIME ZONE '${TZ}')::date + 7, interval '1 day') d
        WHERE extract(isodow FROM d) < 6 ORDER BY d LIMIT 1)
     SELECT to_char(next.day, 'YYYY-MM-DD') AS day,
            (SELECT id FROM patients WHERE clinic_id = $1 ORDER BY lower(last_name), lower(first_name) LIMIT 1) AS patient_id,
            (SELECT count(*) FROM appointments a WHERE a.clinic_id = $1
                AND (a.starts_at AT TIME ZONE '${TZ}')::date = next.day) AS n
       FROM next`,
    [clinicId],
  );
  return {
    clinicId,
    patientId: day[0]!.patient_id,
    day: day[0]!.day,
    appointmentsThatDay: Number(day[0]!.n),
  };
}
