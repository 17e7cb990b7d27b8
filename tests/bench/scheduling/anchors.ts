// The raw-SQL anchors the app paths are compared with, run with plain `pg` as the table owner:
// (1) a single-row INSERT … ON CONFLICT DO NOTHING RETURNING id into appointments;
// (2) free time per clinician by multirange arithmetic (range_agg, multirange difference): opening
//     hours (from clinics.opening_hours, for every local day of the range) minus each clinician's
//     booked [starts_at, blocked_until), one multirange per clinician as text — what the app answers
//     is runs of starts per clinician, not every start. Anchor (2) ignores closures, time off and
//     working hours (the bench seeds none) and assumes a type without buffer.
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
// What the app answers is free runs per clinician, so the anchor answers free ranges per clinician:
// opening hours minus busy time as one tstzmultirange each, trimmed so the last start still fits
// the type (upper − minutes), as text, with no per-start expansion.
const freeRanges = (select: string) => `
  WITH clinic AS (SELECT time_zone, opening_hours FROM clinics WHERE id = $1),
  days AS (
    SELECT d::date AS day
    FROM clinic, generate_series(($2::timestamptz AT TIME ZONE clinic.time_zone)::date, ($3::timestamptz AT TIME ZONE clinic.time_zone)::date, interval '1 day') d
  ),
  opening AS (
    SELECT range_agg(tstzrange((day + (iv ->> 'start')::time) AT TIME ZONE c.time_zone,
                               (day + (iv ->> 'end')::time) AT TIME ZONE c.time_zone - make_interval(mins => $4), '[]'))
             * tstzmultirange(tstzrange($2, $3)) AS open
    FROM clinic c, days, jsonb_array_elements(c.opening_hours -> lower(to_char(day, 'Dy'))) iv
  ),
  busy AS (
    SELECT clinician_id, range_agg(tstzrange(starts_at - make_interval(mins => $4), blocked_until, '()')) AS busy
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
  ${select}`;

/**
 * The timed anchor: one row per clinician, the times a start of the type fits as one multirange:
 * opening [open, close − length], minus (start − length, blocked until) of each booking.
 */
const FREE_RANGES = freeRanges("SELECT clinician_id, free FROM free");
/** For the check only: how many starts on the 5-minute grid those ranges hold (bounds as they are). */
const FREE_RANGE_STARTS = freeRanges(`
  SELECT coalesce(sum(greatest(0, (last - first) / 300 + 1)), 0)::int AS starts
  FROM free f, unnest(f.free) r,
       LATERAL (SELECT extract(epoch FROM lower(r)) AS lo, extract(epoch FROM upper(r)) AS hi) e,
       LATERAL (SELECT ceil(lo / 300) * 300 + CASE WHEN NOT lower_inc(r) AND lo % 300 = 0 THEN 300 ELSE 0 END AS first,
                       floor(hi / 300) * 300 - CASE WHEN NOT upper_inc(r) AND hi % 300 = 0 THEN 300 ELSE 0 END AS last) g`);

/** Values as PostgreSQL's text: the client gets the instants as strings, as the app's clients get JSON. */
const AS_TEXT = { getTypeParser: () => (value: string) => value };

/**
 * Anchor (2): free time for every clinician of a clinic as multiranges of start times (busy time
 * widened backwards by the type's length, opening hours shortened by it); returns how many clinicians.
 */
export async function sqlFreeRanges(
  pool: pg.Pool,
  clinicId: string,
  from: Date,
  to: Date,
  minutes: number,
): Promise<number> {
  const { rowCount } = await pool.query({ text: FREE_RANGES, values: [clinicId, from, to, minutes], types: AS_TEXT });
  return rowCount ?? 0;
}

/** The number of 5-minute starts in anchor (2)'s ranges, to compare with the app's runs. */
export async function sqlFreeRangeStarts(pool: pg.Pool, clinicId: string, from: Date, to: Date, minutes: number) {
  const { rows } = await pool.query<{ starts: number }>(FREE_RANGE_STARTS, [clinicId, from, to, minutes]);
  return rows[0]?.starts ?? 0;
}
