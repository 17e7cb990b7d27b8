// The raw-SQL anchors the app paths are compared with, run with plain `pg` as the table owner:
// (1) a single-row INSERT … ON CONFLICT DO NOTHING RETURNING id into appointments;
// (2) free start times by multirange arithmetic: opening hours (from clinics.opening_hours, for
//     every local day of the range) minus each clinician's booked [starts_at, blocked_until),
//     expanded to starts on the 5-minute staff grid, returned as text. Anchor (2) ignores
//     closures and time off (the bench seeds none) and assumes a type without buffer.
import type pg from "pg";
import { TZ } from "./seed";

export type BookingSlot = {
  clinicId: string;
  slug: string;
  frontDeskId: string;
  clinicianId: string;
  patientId: string;
  typeId: string;
  startsAt: Date;
};

/**
 * `count` distinct free half-hour slots (30-minute type) in regular clinics 1–20, 2–31 days
 * ahead, shuffled. Patient 20 + c books only with clinician c, so no two slots collide.
 */
export async function freeBookingSlots(pool: pg.Pool, count: number): Promise<BookingSlot[]> {
  const { rows } = await pool.query<BookingSlot>(
    `WITH today AS (SELECT (now() AT TIME ZONE '${TZ}')::date AS day)
     SELECT b.id AS "clinicId", b.slug, fd.user_id AS "frontDeskId", u.user_id AS "clinicianId", p.patient_id AS "patientId",
            t.type_id AS "typeId", x.s AS "startsAt"
     FROM today, bench.clinics b
     JOIN bench.users fd ON fd.n = b.n AND fd.c = 0
     JOIN bench.users u ON u.n = b.n AND u.c BETWEEN 1 AND 10
     JOIN bench.patients p ON p.n = b.n AND p.p = 20 + u.c
     JOIN bench.types t ON t.n = b.n AND t.minutes = 30
     CROSS JOIN generate_series(2, 31) d
     CROSS JOIN generate_series(0, 23) h
     CROSS JOIN LATERAL (SELECT ((today.day + d) + make_time(7 + h / 2, (h % 2) * 30, 0)) AT TIME ZONE '${TZ}' AS s) x
     WHERE b.kind = 'regular' AND b.n <= 20 AND extract(isodow FROM today.day + d) < 6
       AND NOT EXISTS (
         SELECT 1 FROM appointments a
         WHERE a.clinic_id = b.id AND a.clinician_id = u.user_id AND a.status <> 'cancelled'
           AND a.starts_at < x.s + interval '30 minutes' AND a.starts_at > x.s - interval '12 hours' AND a.blocked_until > x.s)
     ORDER BY md5(u.user_id::text || x.s::text)
     LIMIT $1`,
    [count],
  );
  return rows;
}

const INSERT = `
  INSERT INTO appointments (clinic_id, clinician_id, patient_id, type_id, starts_at, ends_at, blocked_until, source, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $6, 'front_desk', $7)
  ON CONFLICT DO NOTHING
  RETURNING id`;

/** Anchor (1): one raw insert of a 30-minute slot; "inserted" or "conflict". */
export async function rawInsert(pool: pg.Pool, slot: BookingSlot): Promise<string> {
  const endsAt = new Date(slot.startsAt.getTime() + 30 * 60_000);
  const { rows } = await pool.query(INSERT, [
    slot.clinicId,
    slot.clinicianId,
    slot.patientId,
    slot.typeId,
    slot.startsAt,
    endsAt,
    slot.frontDeskId,
  ]);
  return rows.length === 1 ? "inserted" : "conflict";
}

// The app looks one day either side of the range for appointments that touch it (load-availability.ts);
// the anchor does the same, plus a lower bound on starts_at (no appointment blocks more than 12 hours).
const FREE_STARTS = `
  WITH clinic AS (SELECT time_zone, opening_hours FROM clinics WHERE id = $1),
  days AS (
    SELECT d::date AS day
    FROM clinic, generate_series(($2::timestamptz AT TIME ZONE clinic.time_zone)::date, ($3::timestamptz AT TIME ZONE clinic.time_zone)::date, interval '1 day') d
  ),
  opening AS (
    SELECT range_agg(tstzrange((day + (iv ->> 'start')::time) AT TIME ZONE c.time_zone, (day + (iv ->> 'end')::time) AT TIME ZONE c.time_zone))
             * tstzmultirange(tstzrange($2, NULL)) AS open
    FROM clinic c, days, jsonb_array_elements(c.opening_hours -> lower(to_char(day, 'Dy'))) iv
  ),
  busy AS (
    SELECT clinician_id, range_agg(tstzrange(starts_at, blocked_until)) AS busy
    FROM appointments
    WHERE clinic_id = $1 AND status <> 'cancelled'
      AND starts_at >= $2::timestamptz - interval '36 hours' AND starts_at < $3::timestamptz + interval '1 day'
      AND blocked_until > $2::timestamptz - interval '1 day'
    GROUP BY clinician_id
  ),
  free AS (
    SELECT m.user_id AS clinician_id, o.open - coalesce(b.busy, '{}'::tstzmultirange) AS free
    FROM memberships m CROSS JOIN opening o LEFT JOIN busy b ON b.clinician_id = m.user_id
    WHERE m.clinic_id = $1 AND m.role = 'clinician'
  )
  SELECT f.clinician_id, s AS starts_at
  FROM free f, unnest(f.free) r,
       generate_series(to_timestamp(ceil(extract(epoch FROM lower(r)) / 300) * 300), upper(r) - make_interval(mins => $4), interval '5 minutes') s
  WHERE s < $3`;

/** Values as PostgreSQL's text: the client gets the instants as strings, as the app's clients get JSON. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/** Anchor (2): free starts for every clinician of a clinic; returns how many. */
export async function sqlFreeStarts(
  pool: pg.Pool,
  clinicId: string,
  from: Date,
  to: Date,
  minutes: number,
): Promise<number> {
  const { rowCount } = await pool.query({ text: FREE_STARTS, values: [clinicId, from, to, minutes], types: AS_TEXT });
  return rowCount ?? 0;
}
