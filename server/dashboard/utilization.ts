// KPI 3: utilization = booked minutes ÷ available clinician minutes. Available time is, for each
// clinician and clinic-local day, their working hours (the clinic's when they have none) inside
// the clinic's opening hours, less closures and their time off; booked time is every appointment
// that was not cancelled (a no-show still held the slot). One SQL statement: per clinician for the
// period and the previous one, by week, and a weekday × hour heat map of the period.
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { localMidnight, type DashboardScope } from "./scope";

export type Minutes = { booked: number; available: number };
export type UtilizationKpi = {
  current: Minutes;
  previous: Minutes;
  byClinician: ({ clinicianId: string } & Minutes)[];
  weekly: ({ week: string } & Minutes)[];
  /** isoDay 1 = Monday … 7 = Sunday; hour 0–23 local. Only cells with available or booked time. */
  heat: { isoDay: number; hour: number; booked: number; available: number }[];
};

export async function utilizationKpi(tx: Tx, s: DashboardScope): Promise<UtilizationKpi> {
  const p = s.period;
  const tz = s.timeZone;
  const from = localMidnight(p.from, tz);
  const clinician = s.clinicianId ? sql`AND m.user_id = ${s.clinicianId}` : sql``;
  const type = s.typeId ? sql`AND a.type_id = ${s.typeId}` : sql``;
  const { rows } = await tx.execute<{ kpi: UtilizationKpi }>(sql`
    WITH c AS (SELECT opening_hours FROM clinics WHERE id = ${s.clinicId}),
    days AS (
      SELECT d::date AS day, lower(to_char(d, 'Dy')) AS key
        FROM generate_series(${p.previousFrom}::date, ${p.to}::date - 1, interval '1 day') d),
    open AS (
      SELECT days.day, range_agg(tstzrange((days.day + (i->>'start')::time) AT TIME ZONE ${tz},
                                           (days.day + (i->>'end')::time) AT TIME ZONE ${tz})) AS mr
        FROM days, c, jsonb_array_elements(c.opening_hours -> days.key) i GROUP BY days.day),
    staff AS (
      SELECT m.user_id AS clinician_id, m.working_hours AS hours
        FROM memberships m WHERE m.clinic_id = ${s.clinicId} AND m.role = 'clinician' ${clinician}),
    shifts AS (
      SELECT staff.clinician_id, days.day,
             range_agg(tstzrange((days.day + (i->>'start')::time) AT TIME ZONE ${tz},
                                 (days.day + (i->>'end')::time) AT TIME ZONE ${tz})) AS mr
        FROM staff, days, jsonb_array_elements(staff.hours -> days.key) i WHERE staff.hours IS NOT NULL GROUP BY 1, 2),
    closed AS (
      SELECT coalesce(range_agg(tstzrange(starts_at, ends_at)), '{}'::tstzmultirange) AS mr FROM closures
       WHERE clinic_id = ${s.clinicId} AND starts_at < ${localMidnight(p.to, tz)}
         AND ends_at > ${localMidnight(p.previousFrom, tz)}),
    off AS (
      SELECT clinician_id, range_agg(tstzrange(starts_at, ends_at)) AS mr FROM time_off
       WHERE clinic_id = ${s.clinicId} AND starts_at < ${localMidnight(p.to, tz)}
         AND ends_at > ${localMidnight(p.previousFrom, tz)} GROUP BY clinician_id),
    avail AS (
      -- multirange arithmetic only where it changes something: own hours, a closure, time off
      SELECT staff.clinician_id, o.day,
             CASE WHEN staff.hours IS NULL THEN o.mr ELSE coalesce(sh.mr, '{}'::tstzmultirange) * o.mr END
             - CASE WHEN closed.mr = '{}'::tstzmultirange THEN '{}'::tstzmultirange ELSE closed.mr END
             - coalesce(off.mr, '{}'::tstzmultirange) AS mr
        FROM staff CROSS JOIN open o CROSS JOIN closed
        LEFT JOIN shifts sh ON sh.clinician_id = staff.clinician_id AND sh.day = o.day
        LEFT JOIN off ON off.clinician_id = staff.clinician_id),
    avail_ranges AS (
      SELECT clinician_id, day, r FROM avail, unnest(avail.mr) r),
    booked AS MATERIALIZED (
      SELECT a.clinician_id, a.starts_at, a.ends_at, (a.starts_at AT TIME ZONE ${tz})::date AS day
        FROM appointments a JOIN staff ON staff.clinician_id = a.clinician_id
       WHERE a.clinic_id = ${s.clinicId} AND a.status <> 'cancelled' ${type}
         AND a.starts_at >= ${localMidnight(p.previousFrom, tz)} AND a.starts_at < ${localMidnight(p.to, tz)}),
    per_day AS (
      SELECT clinician_id, day, sum(avail_min) AS available, sum(booked_min) AS booked FROM (
        SELECT clinician_id, day, extract(epoch FROM upper(r) - lower(r)) / 60 AS avail_min, 0 AS booked_min
          FROM avail_ranges
        UNION ALL
        SELECT clinician_id, day, 0, extract(epoch FROM ends_at - starts_at) / 60 FROM booked) x
       GROUP BY clinician_id, day),
    pieces AS (
      SELECT kind, lo, hi, lo AT TIME ZONE ${tz} AS llo,
             extract(epoch FROM hi - lo) / 60 AS real_min,
             extract(epoch FROM (hi AT TIME ZONE ${tz}) - (lo AT TIME ZONE ${tz})) / 60 AS wall_min
        FROM (SELECT 'available' AS kind, lower(r) AS lo, upper(r) AS hi FROM avail_ranges WHERE day >= ${p.from}::date
              UNION ALL
              SELECT 'booked', starts_at, ends_at FROM booked WHERE starts_at >= ${from}) x),
    shapes AS (
      -- pieces with no clock change inside: alike ones (same weekday and wall times) are cut once, times their count
      SELECT kind, extract(isodow FROM llo)::int AS iso_day,
             extract(epoch FROM llo::time) / 60 AS m0, extract(epoch FROM llo::time) / 60 + wall_min AS m1, count(*) AS n
        FROM pieces WHERE real_min = wall_min GROUP BY 1, 2, 3, 4),
    cells AS (
      SELECT kind, (iso_day - 1 + hh / 24) % 7 + 1 AS iso_day, hh % 24 AS hour,
             n * (least(m1, (hh + 1) * 60) - greatest(m0, hh * 60)) AS minutes
        FROM shapes, generate_series(floor(m0 / 60)::int, ceil(m1 / 60)::int - 1) hh
      UNION ALL
      -- pieces across a clock change, cut at the local hour boundaries in real time (a DST day has 23 or 25 hours)
      SELECT kind, extract(isodow FROM h AT TIME ZONE ${tz})::int, extract(hour FROM h AT TIME ZONE ${tz})::int,
             extract(epoch FROM least(hi, h + interval '1 hour') - greatest(lo, h)) / 60
        FROM pieces, generate_series(date_trunc('hour', lo, ${tz}), hi - interval '1 microsecond', interval '1 hour') h
       WHERE real_min <> wall_min)
    SELECT json_build_object(
      'current', (SELECT json_build_object('booked', coalesce(sum(booked), 0), 'available', coalesce(sum(available), 0))
                    FROM per_day WHERE day >= ${p.from}::date),
      'previous', (SELECT json_build_object('booked', coalesce(sum(booked), 0), 'available', coalesce(sum(available), 0))
                    FROM per_day WHERE day < ${p.from}::date),
      'byClinician', (SELECT coalesce(json_agg(json_build_object('clinicianId', clinician_id, 'booked', b, 'available', av)), '[]')
                    FROM (SELECT staff.clinician_id, coalesce(sum(booked), 0) AS b, coalesce(sum(available), 0) AS av
                            FROM staff LEFT JOIN per_day d ON d.clinician_id = staff.clinician_id AND d.day >= ${p.from}::date
                           GROUP BY staff.clinician_id) x),
      'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'booked', b, 'available', av) ORDER BY week), '[]')
                    FROM (SELECT date_trunc('week', day)::date::text AS week, sum(booked) AS b, sum(available) AS av
                            FROM per_day WHERE day >= ${p.from}::date GROUP BY 1) w),
      'heat', (SELECT coalesce(json_agg(json_build_object('isoDay', iso_day, 'hour', hour,
                        'booked', b, 'available', av) ORDER BY iso_day, hour), '[]')
                 FROM (SELECT iso_day, hour, sum(minutes) FILTER (WHERE kind = 'booked') AS b,
                              sum(minutes) FILTER (WHERE kind = 'available') AS av
                         FROM cells GROUP BY iso_day, hour) h)) AS kpi`);
  const k = rows[0]!.kpi;
  const num = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;
  const minutes = (m: Minutes) => ({ booked: num(m.booked), available: num(m.available) });
  return {
    current: minutes(k.current),
    previous: minutes(k.previous),
    byClinician: k.byClinician.map((c) => ({ clinicianId: c.clinicianId, ...minutes(c) })),
    weekly: k.weekly.map((w) => ({ week: w.week, ...minutes(w) })),
    heat: k.heat.map((h) => ({ isoDay: h.isoDay, hour: h.hour, ...minutes(h) })),
  };
}
