// Free start times for the API (scheduling.availability, the booking pages) in ONE statement that
// does the set arithmetic in PostgreSQL: per clinician and local day, (clinic hours ∩ their hours,
// each stretch shortened by the type's length) ∩ the bookable window − closures − time off − busy
// time, as multiranges. JavaScript keeps what it does exactly and PostgreSQL does not: wall clock ↔ UTC
// on DST days (zoned-time.ts; PostgreSQL reads a wall time in a gap or an overlap differently), so
// the local days go in as a table of offsets, and it cuts the free ranges into starts on the wall-clock grid.
// The answer is the same as findFreeRuns (availability.ts) on loadAvailabilityInput's read; a test holds them together.
import { fillPlaceholders, sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { executeGeneric, statementName, type Tx } from "@/db/client";
import type { AppointmentType } from "@/db/schema";
import { notFound } from "@/server/errors";
import type { ClinicianRuns, SlotRun } from "./availability";
import { MAX_BLOCK_MS, offeredType, type BookingRules } from "./load-availability";
import { eachWallGridRun, localDatesInRange, zonedDay, type ZonedDay } from "./zoned-time";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A local day as the statement converts wall times on it (zoned-time.ts firstInstantAtOrAfter, at most one change of offset). */
type DayRow = { i: number; key: string; mid: number; ob: number; tr: number | null; oa: number | null };

function dayRow(day: ZonedDay, i: number): DayRow {
  const [before, after] = day.segments;
  return { i, key: day.key, mid: day.midnight, ob: before!.offset, tr: after?.from ?? null, oa: after?.offset ?? null };
}

/** `minutes` past the day's wall midnight as timestamptz: the first instant whose wall clock reads it or later. */
const wallToUtc = (minutes: SQL) => sql`(timestamptz 'epoch' + make_interval(secs => (
  CASE WHEN d.tr IS NULL OR d.mid + ${minutes} * 60000 - d.ob < d.tr THEN d.mid + ${minutes} * 60000 - d.ob
       ELSE greatest(d.tr, d.mid + ${minutes} * 60000 - d.oa) END) / 1000.0))`;

/** One day's intervals of a WeeklyHours column as a multirange (empty and malformed-free: zod checks them on the way in). */
const hoursOn = (hours: SQL) => sql`(
  SELECT range_agg(tstzrange(${wallToUtc(sql`h.a`)}, ${wallToUtc(sql`h.b`)}))
    FROM jsonb_array_elements(${hours} -> d.key) iv,
         LATERAL (SELECT split_part(iv ->> 'start', ':', 1)::int * 60 + split_part(iv ->> 'start', ':', 2)::int AS a,
                         split_part(iv ->> 'end', ':', 1)::int * 60 + split_part(iv ->> 'end', ':', 2)::int AS b) h
   WHERE h.a < h.b)`;

/**
 * A bound as exact integer microseconds after `base` (starts are whole seconds, so this decides a
 * start on a bound exactly). date_part's double is exact here after rounding: the span from base is
 * at most weeks (~10¹² µs, an error far below half a microsecond), where numeric extract(epoch) cost
 * a tenth of the statement.
 */
const us = (x: SQL, base: SQL) => sql`round(date_part('epoch', ${x} - ${base}) * 1000000)::bigint`;
/**
 * A free range (inside the window, so at or after base) as [the first whole millisecond it allows,
 * the first it no longer allows), in milliseconds after base: an inclusive lower bound rounds up,
 * an exclusive one to the next millisecond after it; an upper bound the other way.
 */
const msBounds = (r: SQL, base: SQL) => {
  const [lo, hi] = [us(sql`lower(${r})`, base), us(sql`upper(${r})`, base)];
  return sql`json_build_array(CASE WHEN lower_inc(${r}) THEN (${lo} + 999) / 1000 ELSE ${lo} / 1000 + 1 END,
                              CASE WHEN upper_inc(${r}) THEN ${hi} / 1000 + 1 ELSE (${hi} + 999) / 1000 END)`;
};

type Loaded = {
  type_row: (Omit<AppointmentType, "createdAt"> & { createdAt: string }) | null;
  granularity: number;
  clinicians: { id: string; name: string; free: [number, number][] }[];
};

/** The statement's values, by the names of its placeholders (freeRangesQuery). */
type FreeValues = {
  clinicId: string;
  typeId: string;
  clinicianId: string | null;
  from: Date;
  to: Date;
  now: Date;
  windowStart: Date;
  windowEnd: Date;
  historyStart: Date;
  granularity: number | null;
  minNotice: number | null;
  maxAdvance: number | null;
  days: string;
};
const v = (name: keyof FreeValues) => sql.placeholder(name);

/**
 * The statement, with placeholders for its values (FreeValues): its text depends only on whether one
 * clinician is asked for, so it is built once for each (building it took ~0.1 ms of the server's CPU
 * on every request, a tenth of the request's own).
 */
function freeRangesQuery(onlyOneClinician: boolean): SQL {
  const onlyOne = onlyOneClinician ? sql`AND m.user_id = ${v("clinicianId")}::uuid` : sql``;
  return sql`
    WITH c AS (
      SELECT c.id, c.opening_hours, coalesce(${v("granularity")}::int, c.slot_granularity_minutes) AS granularity,
             greatest(${v("from")}::timestamptz, ${v("now")}::timestamptz + make_interval(mins => coalesce(${v("minNotice")}::int, c.min_notice_minutes))) AS lo,
             least(${v("to")}::timestamptz, ${v("now")}::timestamptz + make_interval(hours => 24 * coalesce(${v("maxAdvance")}::int, c.max_advance_days))) AS hi
        FROM clinics c WHERE c.id = ${v("clinicId")}
    ), t AS (
      SELECT t.* FROM appointment_types t, c WHERE t.clinic_id = c.id AND t.id = ${v("typeId")}::uuid
    ), d AS (
      SELECT * FROM jsonb_to_recordset(${v("days")}::jsonb) AS d(i int, key text, mid bigint, ob bigint, tr bigint, oa bigint)
    ), open AS (
      SELECT d.*, ${hoursOn(sql`c.opening_hours`)} AS open FROM d, c
    ), members AS (
      -- the name by key per clinician (a join read every user of every clinic)
      SELECT m.user_id AS id, (SELECT u.name FROM users u WHERE u.id = m.user_id) AS name, m.working_hours AS hours
        FROM memberships m, c
       WHERE m.clinic_id = c.id AND m.takes_appointments ${onlyOne}
    ), fits AS (
      -- each stretch [from, to) of a day's hours gives the starts [from, to − length] that fit inside it
      SELECT o.i, range_agg(tstzrange(lower(w), upper(w) - make_interval(mins => t.duration_minutes), '[]')) AS starts
        FROM t, open o, unnest(o.open) w
       WHERE lower(w) <= upper(w) - make_interval(mins => t.duration_minutes)
       GROUP BY o.i
    ), work AS (
      -- per clinician, the starts of every day: the clinic's (worked out once for all who keep its hours,
      -- most clinicians) or, for one with their own hours, those of (clinic ∩ theirs) per day
      SELECT m.id, CASE WHEN m.hours IS NULL THEN (SELECT range_agg(f.starts) FROM fits f) ELSE (
               SELECT range_agg(tstzrange(lower(w), upper(w) - make_interval(mins => t.duration_minutes), '[]'))
                 FROM t, open o, d, unnest(o.open * coalesce(${hoursOn(sql`m.hours`)}, '{}')) w
                WHERE d.i = o.i AND o.open IS NOT NULL
                  AND lower(w) <= upper(w) - make_interval(mins => t.duration_minutes)) END AS starts
        FROM members m
    ), blocked AS (
      -- starts s whose appointment [s, s + length) would meet a span [a, b): a − length < s < b. Per member:
      -- their bookings read in start order from the (clinic, clinician, start) index alone (it INCLUDEs
      -- blocked_until and status, 0040: no heap page per booking), so range_agg gets
      -- them sorted (its sort of the ranges then only checks the order: for the packed clinic's 2,300
      -- bookings in 14 days, sorting them by clinician and then each clinician's by start took 40% of
      -- the statement); the ORDER BY also keeps PostgreSQL off the exclusion constraint's index, which
      -- has no order and once read each clinician's whole history. Closures and time off, a few rows, are
      -- added as their own multiranges.
      SELECT m.id, coalesce((
               SELECT range_agg(r) FROM (
                 SELECT tstzrange(a.starts_at - make_interval(mins => t.duration_minutes + t.buffer_minutes), a.blocked_until, '()') AS r
                   FROM appointments a
                  WHERE a.clinic_id = c.id AND a.clinician_id = m.id AND a.status <> 'cancelled'
                    AND a.starts_at < ${v("windowEnd")} AND a.starts_at > ${v("historyStart")} AND a.blocked_until > ${v("windowStart")}
                    AND a.starts_at < a.blocked_until
                  ORDER BY a.starts_at) x), '{}')
             + coalesce((
               SELECT range_agg(tstzrange(x.a - make_interval(mins => t.duration_minutes), x.b, '()')) FROM (
                 SELECT z.starts_at AS a, z.ends_at AS b FROM closures z
                  WHERE z.clinic_id = c.id AND z.starts_at < ${v("windowEnd")} AND z.ends_at > ${v("windowStart")}
                 UNION ALL
                 SELECT o.starts_at, o.ends_at FROM time_off o
                  WHERE o.clinic_id = c.id AND o.clinician_id = m.id
                    AND o.starts_at < ${v("windowEnd")} AND o.ends_at > ${v("windowStart")}) x
                WHERE x.a < x.b), '{}') AS spans
        FROM members m, c, t
    ), by_clinician AS (
      -- the days' starts are disjoint (a day's last start is a whole length before its end), so one
      -- multirange per clinician; each free range still lies within one local day. Its ranges, in its
      -- order (ascending: freeRuns checks), without sorting them again: the sort of every clinician's
      -- ranges by clinician and start took a sixth of the statement for the 20k clinic.
      SELECT s.id, (SELECT json_agg(${msBounds(sql`r`, sql`${v("from")}::timestamptz`)})
                      FROM unnest(s.starts * tstzmultirange(CASE WHEN c.lo < c.hi THEN tstzrange(c.lo, c.hi) ELSE 'empty' END)
                                  - coalesce(b.spans, '{}')) r) AS free
        FROM work s
       CROSS JOIN c LEFT JOIN blocked b ON b.id = s.id
       WHERE s.starts IS NOT NULL
    )
    SELECT (SELECT row_to_json(t) FROM (
              SELECT t.clinic_id AS "clinicId", t.id, t.name, t.duration_minutes AS "durationMinutes", t.buffer_minutes AS "bufferMinutes",
                     t.price_minor AS "priceMinor", t.color, t.online_bookable AS "onlineBookable", t.active, t.created_at AS "createdAt",
                     t.payment_policy AS "paymentPolicy", t.deposit_minor AS "depositMinor", t.first_visit_policy AS "firstVisitPolicy",
                     t.first_visit_deposit_minor AS "firstVisitDepositMinor" FROM t) t) AS type_row,
           c.granularity,
           (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'free', coalesce(f.free, '[]')) ORDER BY m.name), '[]')
              FROM members m LEFT JOIN by_clinician f ON f.id = m.id) AS clinicians
      FROM c`;
}

const dialect = new PgDialect();
const built = new Map<boolean, { sql: string; params: unknown[]; name: string }>();
/** freeRangesQuery's text, its parameters (placeholders) and its prepared name, built once for each variant. */
function builtStatement(onlyOneClinician: boolean) {
  let query = built.get(onlyOneClinician);
  if (!query) {
    const { sql: text, params } = dialect.sqlToQuery(freeRangesQuery(onlyOneClinician));
    built.set(onlyOneClinician, (query = { sql: text, params, name: statementName(text, "free") }));
  }
  return query;
}

/**
 * Free starts per clinician (by name, as the engine's read orders them) for a type over [from, to),
 * as runs on the grid step: what findFreeRuns answers, the type checked as getAppointmentType does.
 */
export async function freeRuns(
  tx: Tx,
  clinic: { id: string; timeZone: string },
  opts: {
    typeId: string;
    online: boolean;
    from: Date;
    to: Date;
    now: Date;
    clinicianId?: string;
    rules?: BookingRules;
    /** Nothing more runs in tx after this: the statement goes with its COMMIT (executeGeneric). */
    last?: boolean;
  },
): Promise<(ClinicianRuns & { name: string })[]> {
  if (opts.to.getTime() <= opts.from.getTime()) throw new RangeError("`to` must be after `from`");
  const days = localDatesInRange(opts.from, opts.to, clinic.timeZone).map((date) => zonedDay(date, clinic.timeZone));
  const built = builtStatement(Boolean(opts.clinicianId));
  const windowStart = new Date(opts.from.getTime() - DAY);
  const values: FreeValues = {
    clinicId: clinic.id,
    typeId: opts.typeId,
    clinicianId: opts.clinicianId ?? null,
    from: opts.from,
    to: opts.to,
    now: opts.now,
    windowStart,
    windowEnd: new Date(opts.to.getTime() + DAY),
    historyStart: new Date(windowStart.getTime() - MAX_BLOCK_MS),
    granularity: opts.rules?.granularityMinutes ?? null,
    minNotice: opts.rules?.minNoticeMinutes ?? null,
    maxAdvance: opts.rules?.maxAdvanceDays ?? null,
    days: JSON.stringify(days.map(dayRow)),
  };
  // Its generic plan: planning this statement took longer than running it (1.7 ms against 1.5 ms for a
  // ten-clinician clinic), and PostgreSQL never switched to the generic plan by itself.
  const query = { ...built, params: fillPlaceholders(built.params, values) };
  const result = await executeGeneric<Loaded>(tx, query, "free", { last: opts.last });
  const row = result.rows[0];
  if (!row) throw notFound("The clinic");
  offeredType(row.type_row && { ...row.type_row, createdAt: new Date(row.type_row.createdAt) }, {
    online: opts.online,
  });
  const stepMinutes = row.granularity;
  const base = opts.from.getTime(); // the bounds come as milliseconds after `from`
  const step = stepMinutes * MINUTE;
  return row.clinicians.map((c) => {
    const runs: SlotRun[] = [];
    let run: SlotRun | undefined;
    const add = (first: number, count: number) => {
      if (run && first === run[0] + run[1] * step) run[1] += count;
      else runs.push((run = [first, count]));
    };
    let k = 0; // the local day of each range, in ascending order like the ranges
    // unnest reads a multirange out in ascending order; the runs below rely on it, so make sure
    if (c.free.some((r, i) => i > 0 && r[0] < c.free[i - 1]![1])) c.free.sort((x, y) => x[0] - y[0]);
    for (const [relFrom, relTo] of c.free) {
      const from = base + relFrom;
      while (k < days.length - 1 && from >= days[k]!.end) k++;
      eachWallGridRun(days[k]!, stepMinutes, from, base + relTo, add);
    }
    return { clinicianId: c.id, name: c.name, stepMinutes, runs };
  });
}
