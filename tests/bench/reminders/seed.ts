// Seeds the reminders bench with set-based SQL as the table owner: `clinics` clinics (four zones),
// one clinician each, and `perClinic` patients with one appointment each, 3+ days ahead; every
// appointment gets two pending reminders (24 h and 2 h) due far in the future, so nothing is due
// until a run makes one kind fall due at once. Ids are md5-derived, so the bench can name them.
import type pg from "pg";

export const ZONES = ["America/Los_Angeles", "America/Denver", "America/New_York", "Europe/London"];

export async function seedReminders(db: pg.ClientBase, clinics: number, perClinic: number): Promise<void> {
  await db.query(
    `INSERT INTO clinics (id, slug, name, time_zone, email, phone, address)
     SELECT md5('clinic' || n)::uuid, 'bench-rem-' || n, 'Bench Physio ' || n, ($2::text[])[1 + n % 4],
            'desk' || n || '@bench.example', '(541) 555-' || lpad(n::text, 4, '0'), n || ' Main Street, Bend'
     FROM generate_series(1, $1) n`,
    [clinics, ZONES],
  );
  await db.query(
    `INSERT INTO users (id, email, name) SELECT md5('user' || n)::uuid, 'clinician' || n || '@bench.example', 'Dr. Bench ' || n FROM generate_series(1, $1) n`,
    [clinics],
  );
  await db.query(
    `INSERT INTO memberships (clinic_id, user_id, role) SELECT md5('clinic' || n)::uuid, md5('user' || n)::uuid, 'clinician' FROM generate_series(1, $1) n`,
    [clinics],
  );
  await db.query(
    `INSERT INTO appointment_types (clinic_id, id, name, duration_minutes) SELECT md5('clinic' || n)::uuid, md5('type' || n)::uuid, 'Follow-up', 45 FROM generate_series(1, $1) n`,
    [clinics],
  );
  await db.query(
    `INSERT INTO patients (clinic_id, id, first_name, last_name, email)
     SELECT md5('clinic' || n)::uuid, md5('patient' || n || '-' || p)::uuid, 'Pat' || p, 'Bench' || n, 'p' || n || '-' || p || '@bench.example'
     FROM generate_series(1, $1) n, generate_series(1, $2) p`,
    [clinics, perClinic],
  );
  // One clinician per clinic, one appointment per hour: no overlaps by construction.
  await db.query(
    `INSERT INTO appointments (clinic_id, id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until)
     SELECT md5('clinic' || n)::uuid, md5('appt' || n || '-' || p)::uuid, md5('user' || n)::uuid, md5('patient' || n || '-' || p)::uuid,
            md5('type' || n)::uuid, s, s + interval '45 minutes', s + interval '45 minutes'
     FROM generate_series(1, $1) n, generate_series(1, $2) p,
          LATERAL (SELECT date_trunc('hour', now()) + interval '3 days' + p * interval '1 hour' AS s) t`,
    [clinics, perClinic],
  );
  for (const kind of ["reminder_24h", "reminder_2h"] as const) {
    await db.query(
      `INSERT INTO messages (clinic_id, appointment_id, patient_id, kind, key, starts_at, due_at)
       SELECT a.clinic_id, a.id, a.patient_id, $1::message_kind,
              'appt:' || a.id || ':' || $1 || ':' || to_char(a.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
              a.starts_at, now() + interval '30 days'
       FROM appointments a`,
      [kind],
    );
  }
  await db.query("VACUUM ANALYZE");
}
