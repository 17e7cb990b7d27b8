// KPI 3: utilization = booked minutes ÷ available clinician minutes. Available time is, for each
// clinician and clinic-local day, their working hours (the clinic's when they have none) inside
// the clinic's opening hours, less closures and their time off; booked time is every appointment
// that was not cancelled (a no-show still held the slot). A fragment of the dashboard's statement:
// per clinician for the period and the previous one, by week, and a weekday × hour heat map.
//
// Available time without cutting every day: on a day with no clock change, no closure and none of
// the clinician's time off, their time is their weekly pattern for that weekday (wall-clock
// minutes), so those days are counted per weekday and multiplied. Only the other clinician-days
// ("special": a few a year) go through the multirange arithmetic on real instants. The calendar
// (how many Mondays…, which weekdays each week has) is plain date arithmetic, done in JavaScript
// (periodCalendar) rather than as a row per day; the special days are found from the few rows that
// make them special (the clock-change days of `cc` in counts.ts, closures, time off), not by testing
// every clinician-day.
import { sql, type SQL } from "drizzle-orm";
import { countSet } from "./counts";
import type { Period } from "./period";
import { localMidnight, type DashboardScope } from "./scope";

export type Minutes = { booked: number; available: number };
export type UtilizationKpi = {
  /** appointments: how many hold the booked minutes (the rows of the "booked" drill-down). */
  current: Minutes & { appointments: number };
  previous: Minutes;
  byClinician: ({ clinicianId: string } & Minutes)[];
  weekly: ({ week: string } & Minutes)[];
  /** isoDay 1 = Monday … 7 = Sunday; hour 0–23 local. Only cells with available or booked time. */
  heat: { isoDay: number; hour: number; booked: number; available: number }[];
};

const WEEKDAYS = sql`(VALUES ('mon', 1), ('tue', 2), ('wed', 3), ('thu', 4), ('fri', 5), ('sat', 6), ('sun', 7))`;
/** 'HH:MM' (up to '24:00') → minutes of the day. */
const minutesOf = (text: SQL) => sql`(extract(epoch FROM (${text})::time) / 60)::int`;

/** The local days that a row's instants [starts_at, ends_at) touch (from its start's to its last instant's), as a lateral set of `day`. */
const coveredDays = (x: SQL, tz: string) =>
  sql`LATERAL (SELECT generate_series((${x}.starts_at AT TIME ZONE ${tz})::date,
                                      ((${x}.ends_at - interval '1 microsecond') AT TIME ZONE ${tz})::date,
                                      interval '1 day')::date AS day)`;

const DAY_MS = 86_400_000;
const DAY_KEYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/**
 * The calendar of the period, worked out here rather than as a row per day in the statement: how
 * many of each weekday the period and the previous one have, and the current period's weeks (their
 * Mondays) with the ISO weekdays each has inside the period (a period is a run of days, so a range).
 */
export function periodCalendar(p: Period) {
  const index = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
  const from = index(p.from);
  const counts = new Map<string, number>();
  const weeks = new Map<number, [number, number]>();
  for (let day = index(p.previousFrom); day < index(p.to); day++) {
    const iso = ((((day + 3) % 7) + 7) % 7) + 1; // day 0, 1 January 1970, was a Thursday (4)
    const current = day >= from;
    const key = `${DAY_KEYS[iso - 1]}|${current ? "t" : "f"}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!current) continue;
    const week = weeks.get(day - iso + 1);
    if (week) week[1] = iso;
    else weeks.set(day - iso + 1, [iso, iso]);
  }
  const list = (xs: (string | number)[]) => `{${xs.join(",")}}`;
  const entries = [...counts.entries()].map(([k, n]) => [...k.split("|"), n] as [string, string, number]);
  const weekList = [...weeks.entries()].sort((a, b) => a[0] - b[0]);
  return {
    keys: list(entries.map((e) => e[0])),
    current: list(entries.map((e) => e[1])),
    counts: list(entries.map((e) => e[2])),
    weeks: list(weekList.map(([monday]) => new Date(monday * DAY_MS).toISOString().slice(0, 10))),
    weekFrom: list(weekList.map(([, [lo]]) => lo)),
    weekTo: list(weekList.map(([, [, hi]]) => hi)),
  };
}

/** Available time: the CTEs `staff`, `pattern`, `special` and the JSON pieces built on them. */
function availabilityCtes(s: DashboardScope): SQL {
  const p = s.period;
  const tz = s.timeZone;
  const from = localMidnight(p.previousFrom, tz);
  const to = localMidnight(p.to, tz);
  const d = periodCalendar(p);
  return sql`
    staff AS (
      SELECT m.user_id AS clinician_id, m.working_hours AS hours FROM memberships m
       WHERE m.clinic_id = ${s.clinicId} AND m.takes_appointments
         ${s.clinicianId ? sql`AND m.user_id = ${s.clinicianId}` : sql``}),
    open_pattern AS (
      SELECT k.key, range_agg(int4range(${minutesOf(sql`i->>'start'`)}, ${minutesOf(sql`i->>'end'`)})) AS mr
        FROM clinics c, ${WEEKDAYS} k(key, iso_day), jsonb_array_elements(c.opening_hours -> k.key) i
       WHERE c.id = ${s.clinicId} GROUP BY k.key),
    own_pattern AS (
      SELECT st.clinician_id, k.key, range_agg(int4range(${minutesOf(sql`i->>'start'`)}, ${minutesOf(sql`i->>'end'`)})) AS mr
        FROM staff st, ${WEEKDAYS} k(key, iso_day), jsonb_array_elements(st.hours -> k.key) i
       WHERE st.hours IS NOT NULL GROUP BY 1, 2),
    pattern AS (
      -- wall-clock minutes of each clinician's weekday, as pieces (a weekday without opening hours has none)
      SELECT st.clinician_id, o.key, lower(r) AS m0, upper(r) AS m1
        FROM staff st CROSS JOIN open_pattern o
        LEFT JOIN own_pattern w ON w.clinician_id = st.clinician_id AND w.key = o.key,
             unnest(CASE WHEN st.hours IS NULL THEN o.mr ELSE coalesce(w.mr, '{}'::int4multirange) * o.mr END) r),
    pattern_minutes AS (SELECT clinician_id, key, sum(m1 - m0) AS minutes FROM pattern GROUP BY 1, 2),
    closed AS (
      SELECT coalesce(range_agg(tstzrange(starts_at, ends_at)), '{}'::tstzmultirange) AS mr FROM closures
       WHERE clinic_id = ${s.clinicId} AND starts_at < ${to} AND ends_at > ${from}),
    off AS (
      SELECT clinician_id, range_agg(tstzrange(starts_at, ends_at)) AS mr FROM time_off
       WHERE clinic_id = ${s.clinicId} AND starts_at < ${to} AND ends_at > ${from} GROUP BY clinician_id),
    special_days AS (
      -- clinician-days the pattern cannot tell: a clock change that day (cc, counts.ts), a closure, the
      -- clinician's time off. Found from those few rows, not by testing every day: a closure or time off
      -- covers the local days from its start's to its last instant's.
      SELECT DISTINCT x.clinician_id, x.day, k.key, k.iso_day, x.day >= ${p.from}::date AS current,
             (x.day - (k.iso_day - 1))::text AS week
        FROM (SELECT st.clinician_id, date '1970-01-01' + c AS day FROM staff st, cc, unnest(cc.clock_change_days) c
              UNION ALL
              SELECT st.clinician_id, g.day FROM staff st, closures x, ${coveredDays(sql`x`, tz)} g
               WHERE x.clinic_id = ${s.clinicId} AND x.starts_at < ${to} AND x.ends_at > ${from}
              UNION ALL
              SELECT t.clinician_id, g.day FROM staff st JOIN time_off t ON t.clinician_id = st.clinician_id, ${coveredDays(sql`t`, tz)} g
               WHERE t.clinic_id = ${s.clinicId} AND t.starts_at < ${to} AND t.ends_at > ${from}) x
        JOIN ${WEEKDAYS} k(key, iso_day) ON k.iso_day = (x.day - date '0001-01-01') % 7 + 1
       WHERE x.day >= ${p.previousFrom}::date AND x.day < ${p.to}::date),
    special AS (
      -- their real available ranges: hours ∩ opening hours − closures − time off, on real instants
      SELECT sd.clinician_id, sd.day, sd.key, sd.current, sd.week, r
        FROM special_days sd JOIN staff st ON st.clinician_id = sd.clinician_id
        CROSS JOIN closed
        LEFT JOIN off ON off.clinician_id = sd.clinician_id
        CROSS JOIN LATERAL (
          SELECT range_agg(tstzrange((sd.day + (i->>'start')::time) AT TIME ZONE ${tz},
                                     (sd.day + (i->>'end')::time) AT TIME ZONE ${tz})) AS mr
            FROM clinics c, jsonb_array_elements(c.opening_hours -> sd.key) i WHERE c.id = ${s.clinicId}) o
        LEFT JOIN LATERAL (
          SELECT range_agg(tstzrange((sd.day + (i->>'start')::time) AT TIME ZONE ${tz},
                                     (sd.day + (i->>'end')::time) AT TIME ZONE ${tz})) AS mr
            FROM jsonb_array_elements(st.hours -> sd.key) i) sh ON st.hours IS NOT NULL,
        unnest(CASE WHEN st.hours IS NULL THEN o.mr ELSE coalesce(sh.mr, '{}'::tstzmultirange) * o.mr END
               - closed.mr - coalesce(off.mr, '{}'::tstzmultirange)) r),
    plain_days AS (
      -- per clinician and weekday, how many of its days follow the pattern, in the period and the previous one
      SELECT st.clinician_id, dc.key, dc.current, dc.n - coalesce(sc.n, 0) AS n
        FROM staff st
        CROSS JOIN unnest(${d.keys}::text[], ${d.current}::boolean[], ${d.counts}::int[]) dc(key, current, n)
        LEFT JOIN (SELECT clinician_id, key, current, count(*) AS n FROM special_days GROUP BY 1, 2, 3) sc
               ON sc.clinician_id = st.clinician_id AND sc.key = dc.key AND sc.current = dc.current),
    available AS (
      -- minutes per clinician and period flag: plain days by the pattern, special days as they are
      SELECT pd.clinician_id, pd.current, pd.n * pm.minutes AS minutes
        FROM plain_days pd JOIN pattern_minutes pm ON pm.clinician_id = pd.clinician_id AND pm.key = pd.key
      UNION ALL
      SELECT clinician_id, current, extract(epoch FROM upper(r) - lower(r)) / 60 FROM special),
    available_weekly AS (
      -- every day of the week by the pattern, less what special days' pattern would have given, plus what they give
      SELECT w.week, sum(pk.minutes) AS minutes
        FROM unnest(${d.weeks}::text[], ${d.weekFrom}::int[], ${d.weekTo}::int[]) w(week, lo, hi)
        JOIN ${WEEKDAYS} k(key, iso_day) ON k.iso_day BETWEEN w.lo AND w.hi
        JOIN (SELECT key, sum(minutes) AS minutes FROM pattern_minutes GROUP BY key) pk ON pk.key = k.key
       GROUP BY w.week
      UNION ALL
      SELECT sd.week, -sum(pm.minutes)
        FROM special_days sd JOIN pattern_minutes pm ON pm.clinician_id = sd.clinician_id AND pm.key = sd.key
       WHERE sd.current GROUP BY sd.week
      UNION ALL
      SELECT week, sum(extract(epoch FROM upper(r) - lower(r)) / 60) FROM special WHERE current GROUP BY week)`;
}

/** The period's utilization, a fragment over `pc` (counts.ts). */
export function utilizationSql(s: DashboardScope): SQL {
  const tz = s.timeZone;
  return sql`(
    WITH ${availabilityCtes(s)},
    real_pieces AS (
      -- special days' available pieces and booked pieces across a clock change, as real instants
      SELECT kind, lo, hi, n, lo AT TIME ZONE ${tz} AS llo,
             extract(epoch FROM hi - lo) / 60 AS real_min,
             extract(epoch FROM (hi AT TIME ZONE ${tz}) - (lo AT TIME ZONE ${tz})) / 60 AS wall_min
        FROM (SELECT 'available' AS kind, lower(r) AS lo, upper(r) AS hi, 1 AS n FROM special WHERE current
              UNION ALL
              SELECT 'booked', x_lo, x_hi, holding FROM pc WHERE ${countSet("heat")} AND x_lo IS NOT NULL) x),
    pieces AS (
      -- the period's pieces without a clock change inside, alike ones (weekday, wall times) once with their count:
      -- plain days' pattern pieces, special days' pieces, booked appointments
      SELECT 'available' AS kind, k.iso_day, pt.m0::numeric AS m0, pt.m1::numeric AS m1, sum(pd.n) AS n
        FROM pattern pt JOIN plain_days pd ON pd.clinician_id = pt.clinician_id AND pd.key = pt.key AND pd.current
        JOIN ${WEEKDAYS} k(key, iso_day) ON k.key = pt.key
       WHERE pd.n > 0 GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT kind, extract(isodow FROM llo)::int, extract(epoch FROM llo::time) / 60,
             extract(epoch FROM llo::time) / 60 + wall_min, sum(n)
        FROM real_pieces WHERE real_min = wall_min GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT 'booked', h_day, h_m0, h_m1, holding FROM pc WHERE ${countSet("heat")} AND h_day IS NOT NULL),
    cells AS (
      -- alike pieces (same weekday and wall times, no clock change inside) are cut once, times their count
      SELECT kind, (iso_day - 1 + hh / 24) % 7 + 1 AS iso_day, hh % 24 AS hour,
             n * (least(m1, (hh + 1) * 60) - greatest(m0, hh * 60)) AS minutes
        FROM (SELECT pieces.*, generate_series(floor(m0 / 60)::int, ceil(m1 / 60)::int - 1) AS hh FROM pieces) p
      UNION ALL
      -- pieces across a clock change, cut at the local hour boundaries in real time (a DST day has 23 or 25 hours)
      SELECT kind, extract(isodow FROM h AT TIME ZONE ${tz})::int, extract(hour FROM h AT TIME ZONE ${tz})::int,
             n * extract(epoch FROM least(hi, h + interval '1 hour') - greatest(lo, h)) / 60
        FROM real_pieces, generate_series(date_trunc('hour', lo, ${tz}), hi - interval '1 microsecond', interval '1 hour') h
       WHERE real_min <> wall_min),
    per_clinician AS (
      SELECT staff.clinician_id, coalesce(b.minutes, 0) AS b, coalesce(a.minutes, 0) AS av FROM staff
        LEFT JOIN (SELECT clinician_id, sum(booked) AS minutes FROM pc WHERE ${countSet("byClinician")} AND current
                    GROUP BY 1) b
               ON b.clinician_id = staff.clinician_id
        LEFT JOIN (SELECT clinician_id, sum(minutes) AS minutes FROM available WHERE current GROUP BY 1) a
               ON a.clinician_id = staff.clinician_id),
    weekly AS (
      SELECT week, sum(b) AS b, sum(av) AS av FROM (
        SELECT week, booked AS b, 0 AS av, holding FROM pc WHERE ${countSet("weekly")} AND current
        UNION ALL
        SELECT week, 0, minutes, 0 FROM available_weekly) x
       GROUP BY week HAVING sum(holding) > 0 OR sum(av) > 0)
    SELECT json_build_object(
      'current', json_build_object('booked', (SELECT coalesce(sum(booked), 0) FROM pc WHERE ${countSet("totals")} AND current),
                                   'appointments', (SELECT coalesce(sum(holding), 0) FROM pc WHERE ${countSet("totals")} AND current),
                                   'available', (SELECT coalesce(sum(minutes), 0) FROM available WHERE current)),
      'previous', json_build_object('booked', (SELECT coalesce(sum(booked), 0) FROM pc WHERE ${countSet("totals")} AND NOT current),
                                    'available', (SELECT coalesce(sum(minutes), 0) FROM available WHERE NOT current)),
      -- the best-used first, as the dashboard's other tables list the largest first
      'byClinician', (SELECT coalesce(json_agg(json_build_object('clinicianId', clinician_id, 'booked', b, 'available', av)
                                               ORDER BY b / nullif(av, 0) DESC NULLS LAST, b DESC, clinician_id), '[]')
                        FROM per_clinician),
      'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'booked', b, 'available', av) ORDER BY week), '[]')
                   FROM weekly),
      'heat', (SELECT coalesce(json_agg(json_build_object('isoDay', iso_day, 'hour', hour,
                        'booked', b, 'available', av) ORDER BY iso_day, hour), '[]')
                 FROM (SELECT iso_day, hour, sum(minutes) FILTER (WHERE kind = 'booked') AS b,
                              sum(minutes) FILTER (WHERE kind = 'available') AS av
                         FROM cells GROUP BY iso_day, hour) h)))`;
}

const num = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;
const minutes = (m: Minutes) => ({ booked: num(m.booked), available: num(m.available) });

export function parseUtilization(k: UtilizationKpi): UtilizationKpi {
  return {
    current: { ...minutes(k.current), appointments: Number(k.current.appointments) },
    previous: minutes(k.previous),
    byClinician: k.byClinician.map((c) => ({ clinicianId: c.clinicianId, ...minutes(c) })),
    weekly: k.weekly.map((w) => ({ week: w.week, ...minutes(w) })),
    heat: k.heat.map((h) => ({ isoDay: h.isoDay, hour: h.hour, ...minutes(h) })),
  };
}
