// The one read of the appointments a dashboard load counts: every appointment of the period and the
// previous one (filters applied) is read once and counted into a few sets — the CTE `pc` that
// visits, attendance, utilization and reminders read (a few hundred rows, not one per appointment).
// Per appointment only cheap columns are computed (the outcome as a small-integer code); the local
// time (week, weekday, minute of the day) is worked out once per distinct start and end, after
// grouping, and by plain arithmetic: JavaScript knows the zone's offsets over the period exactly
// (zoned-time.ts offsetTable), so they go in as two arrays, and local seconds = epoch seconds + the
// offset in effect (width_bucket finds it), instead of AT TIME ZONE, date_trunc and ::time per row.
// A row of `pc` belongs to one set (`grouping_set`); columns outside its set are null. `n` counts
// appointments; `booked` sums the minutes of those holding a clinician's time (not cancelled, with a
// clinician of the clinic's team), `holding` counts them.
import { sql, type SQL } from "drizzle-orm";
import { offsetTable, zonedDay } from "@/server/scheduling/zoned-time";
import {
  appointmentsIn,
  localMidnight,
  OUTCOMES,
  outcomeCodeOf,
  outcomeName,
  previousUntil,
  type DashboardScope,
} from "./scope";

/**
 * current: in the period (not the previous one); started: by now, or in the previous period before
 * prev_until (scope.ts previousUntil: the stretch a period under way is compared with); outcome: scope.ts outcomeOf;
 * reminded: a 24 h or 2 h reminder was sent (appointments.reminded, kept by triggers on messages,
 * 0035; only for started, arrived or no-show appointments of the period; in the totals and by week);
 * week: the local Monday (text); heat pieces of the period's booked time: h_day/h_m0/h_m1 (ISO
 * weekday, local minutes from–to, no clock change that day) or x_lo/x_hi (real instants of one that
 * may cross a clock change). byClinician and byType sets carry clinician_id / type_id.
 */
const LOCAL_COLUMNS = [
  "current",
  "started",
  "outcome",
  "reminded",
  "week",
  "h_day",
  "h_m0",
  "h_m1",
  "x_lo",
  "x_hi",
] as const;
type LocalColumn = (typeof LOCAL_COLUMNS)[number];
const LOCAL_SETS = {
  totals: ["current", "started", "outcome", "reminded"],
  weekly: ["current", "started", "outcome", "reminded", "week"],
  // one set for both kinds of heat piece: a row has either h_* or x_* (or neither), so grouping by all
  // five gives the same groups as two sets would, with one hash table fewer
  heat: ["h_day", "h_m0", "h_m1", "x_lo", "x_hi"],
} satisfies Record<string, LocalColumn[]>;
export type CountSet = keyof typeof LOCAL_SETS | "byClinician" | "byType";

/** GROUPING()'s bits for a set: 1 for every column the set leaves out, the first column highest. */
const mask = (set: readonly LocalColumn[]) =>
  LOCAL_COLUMNS.reduce((m, c, i) => m | (set.includes(c) ? 0 : 1 << (LOCAL_COLUMNS.length - 1 - i)), 0);

const DAY_MS = 86_400_000;

/**
 * The zone over the period, as `cc` carries it: the offsets in effect (seconds) and the instants
 * they take effect from (epoch seconds, −Infinity first), over the previous period's first day to
 * two days after the period; and the local days that are not 24 hours long (day numbers: days
 * since 1970-01-01), a clock change on them. JavaScript's zone data (zoned-time.ts) is exact; the
 * days are checked by their length, as zonedDay measures it.
 */
export function zoneParameters(s: DashboardScope) {
  const p = s.period;
  const fromMs = zonedDay(p.previousFrom, s.timeZone).start - DAY_MS;
  const toMs = zonedDay(p.to, s.timeZone).end + DAY_MS;
  const table = offsetTable(fromMs, toMs, s.timeZone);
  const clockChangeDays = new Set<number>();
  table.from.forEach((at, i) => {
    if (i === 0) return;
    // the change falls on the local day it happens on, read with the offset before or after it
    for (const offset of [table.offsets[i - 1]!, table.offsets[i]!]) {
      const day = Math.floor((at + offset) / DAY_MS);
      const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
      const z = zonedDay(date, s.timeZone);
      if (z.end - z.start !== DAY_MS) clockChangeDays.add(day);
    }
  });
  const list = (xs: (number | string)[]) => `{${xs.join(",")}}`;
  return {
    from: list(table.from.map((t) => (t === -Infinity ? "-Infinity" : t / 1000))),
    offsets: list(table.offsets.map((o) => o / 1000)),
    clockChangeDays: list([...clockChangeDays].sort((a, b) => a - b)),
  };
}

/**
 * `cc`: the bounds of the period as instants, computed once rather than per row (a generic plan
 * would otherwise work out a parameter's local midnight for every appointment); the zone over the
 * period (zoneParameters); and `team`: the clinicians who take appointments (whose booked time
 * counts), read once rather than joined to every appointment.
 */
function periodCte(s: DashboardScope): SQL {
  const z = zoneParameters(s);
  return sql`cc AS MATERIALIZED (
    SELECT ${localMidnight(s.period.from, s.timeZone)} AS from_at, ${s.now.toISOString()}::timestamptz AS now_at,
           ${previousUntil(s)} AS prev_until,
           ${z.from}::float8[] AS zone_from, ${z.offsets}::float8[] AS zone_offset,
           ${z.clockChangeDays}::int[] AS clock_change_days,
           ARRAY(SELECT user_id FROM memberships WHERE clinic_id = ${s.clinicId} AND takes_appointments) AS team)`;
}

export function periodCountsCte(s: DashboardScope): SQL {
  const p = s.period;
  const cols = sql.raw(LOCAL_COLUMNS.join(", "));
  // what pc shows of each column: the week as its Monday's date, the outcome by name (after grouping)
  const shown = sql.raw(
    LOCAL_COLUMNS.map((c) =>
      c === "week"
        ? "(date '1970-01-01' + week)::text AS week"
        : c === "outcome"
          ? `('{${OUTCOMES.join(",")}}'::text[])[outcome] AS outcome`
          : c,
    ).join(", "),
  );
  const sets = Object.values(LOCAL_SETS).map((set) => sql.raw(`(${set.join(", ")})`));
  const setName = Object.entries(LOCAL_SETS).map(
    ([name, set]) => sql`WHEN ${sql.raw(String(mask(set)))} THEN ${sql.raw(`'${name}'`)}`,
  );
  return sql`${periodCte(s)},
  pr AS MATERIALIZED (
    -- grouped by start and end (the rest is local time, worked out per group), and by clinician and type
    -- together (byClinician and byType of pc are summed from those few rows: one hash table fewer over
    -- every appointment)
    SELECT GROUPING(starts_at, clinician_id, type_id) AS g, starts_at, ends_at, clinician_id, type_id, current,
           outcome, holds_time, reminded, count(*) AS n, sum(ends_at - starts_at) AS dur
      FROM (SELECT a.starts_at, a.ends_at, a.clinician_id, a.type_id, ${outcomeCodeOf(s)} AS outcome,
                   a.starts_at >= (SELECT from_at FROM cc) AS current,
                   a.status <> 'cancelled' AND coalesce(a.clinician_id = ANY ((SELECT team FROM cc)::uuid[]), false) AS holds_time,
                   CASE WHEN a.starts_at >= (SELECT from_at FROM cc) AND a.starts_at < (SELECT now_at FROM cc)
                             AND a.status IN ('checked_in', 'completed', 'no_show')
                     THEN a.reminded END AS reminded
              FROM appointments a
             WHERE ${appointmentsIn(s, p.previousFrom, p.to, "a", sql`(SELECT from_at FROM cc)`)}) a
     GROUP BY GROUPING SETS ((starts_at, ends_at, outcome, holds_time, reminded), (clinician_id, type_id, current, outcome, holds_time))),
  pl AS (
    -- each distinct start and end in local time, by arithmetic on local seconds (epoch + the offset in
    -- effect): day = days since 1970-01-01 (a Thursday), ISO weekday = (day + 3) mod 7 + 1, week = that
    -- day's Monday, minute of the day = (local seconds − day × 86400) / 60. Each level is computed once
    -- per row (OFFSET 0), not repeated inside every grouping key that uses it.
    SELECT current, started, outcome, reminded, n, minutes, holds_time, day - dow AS week,
           CASE WHEN heat AND NOT clock_change THEN dow + 1 END AS h_day,
           CASE WHEN heat AND NOT clock_change THEN sec / 60 END AS h_m0,
           CASE WHEN heat AND NOT clock_change THEN sec / 60 + minutes END AS h_m1,
           CASE WHEN heat AND clock_change THEN starts_at END AS x_lo,
           CASE WHEN heat AND clock_change THEN ends_at END AS x_hi
      FROM (SELECT y.*, ((day + 3) % 7 + 7) % 7 AS dow, local - day * 86400 AS sec, current AND holds_time AS heat,
                   day = ANY (clock_change_days) OR floor((local + minutes * 60) / 86400)::int = ANY (clock_change_days)
                     AS clock_change
              FROM (SELECT x.*, floor(local / 86400)::int AS day
                      FROM (SELECT starts_at, ends_at, outcome, reminded, n, holds_time,
                                   e + ((SELECT zone_offset FROM cc))[width_bucket(e, (SELECT zone_from FROM cc))] AS local,
                                   starts_at >= (SELECT from_at FROM cc) AS current,
                                   starts_at < CASE WHEN starts_at >= (SELECT from_at FROM cc) THEN (SELECT now_at FROM cc)
                                                    ELSE (SELECT prev_until FROM cc) END AS started,
                                   (date_part('epoch', ends_at) - e) / 60 AS minutes, (SELECT clock_change_days FROM cc) AS clock_change_days
                              FROM pr CROSS JOIN LATERAL (SELECT date_part('epoch', starts_at) AS e) t
                             WHERE g = 3 OFFSET 0) x OFFSET 0) y OFFSET 0) z),
  pc AS MATERIALIZED (
    SELECT CASE GROUPING(${cols}) ${sql.join(setName, sql` `)} END AS grouping_set, ${shown},
           NULL::uuid AS clinician_id, NULL::uuid AS type_id, sum(n) AS n,
           coalesce(sum(n * minutes) FILTER (WHERE holds_time), 0) AS booked,
           coalesce(sum(n) FILTER (WHERE holds_time), 0) AS holding
      FROM pl GROUP BY GROUPING SETS (${sql.join(sets, sql`, `)})
    UNION ALL
    SELECT 'byClinician', current, NULL, ${outcomeName(sql`outcome`)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, clinician_id, NULL, sum(n),
           extract(epoch FROM coalesce(sum(dur) FILTER (WHERE holds_time), interval '0')) / 60,
           coalesce(sum(n) FILTER (WHERE holds_time), 0)
      FROM pr WHERE g = 4 GROUP BY current, outcome, clinician_id
    UNION ALL
    SELECT 'byType', current, NULL, ${outcomeName(sql`outcome`)}, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, type_id, sum(n), 0, 0
      FROM pr WHERE g = 4 GROUP BY current, outcome, type_id)`;
}

/** Rows of one set of `pc`. */
export const countSet = (set: CountSet): SQL => sql.raw(`pc.grouping_set = '${set}'`);

/**
 * While the period is under way: where the stretch of the period before that it is compared with
 * ends (cc.prev_until, scope.ts previousUntil), as the clinic-local "YYYY-MM-DD HH:MM" the page
 * writes in words; null once the period is over (all of the period before) or while it is wholly
 * ahead (none of it). A fragment of the dashboard's statement, so the page names the very point
 * the counts used.
 */
export const comparedUntilSql = (s: DashboardScope): SQL =>
  sql`(SELECT CASE WHEN prev_until < from_at AND prev_until >= ${localMidnight(s.period.previousFrom, s.timeZone)}
                   THEN to_char(prev_until AT TIME ZONE ${s.timeZone}, 'YYYY-MM-DD HH24:MI') END FROM cc)`;
