// The one read of the appointments a dashboard load counts: every appointment of the period and the
// previous one (filters applied) is read once and counted into a few sets — the CTE `pc` that
// visits, attendance, utilization and reminders read (a few hundred rows, not one per appointment).
// Per appointment only cheap columns are computed; the local time (week, weekday, hour) is worked
// out once per distinct start and end, after grouping. A row of `pc` belongs to one set
// (`grouping_set`); columns outside its set are null. `n` counts appointments; `booked` sums the
// minutes of those holding a clinician's time (not cancelled, with a clinician of the clinic's team),
// `holding` counts them.
import { sql, type SQL } from "drizzle-orm";
import { appointmentsIn, localMidnight, outcomeOf, type DashboardScope } from "./scope";

/**
 * current: in the period (not the previous one); started: by now; outcome: scope.ts outcomeOf;
 * reminded: a 24 h or 2 h reminder was sent (only for started, arrived or no-show appointments of the
 * period); week: the local Monday (text); heat pieces of the period's booked time: h_day/h_m0/h_m1
 * (ISO weekday, local minutes from–to, no clock change that day), x_lo/x_hi (real instants of one
 * that may cross a clock change). byClinician and byType sets carry clinician_id / type_id.
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
  weekly: ["current", "started", "outcome", "week"],
  heat: ["h_day", "h_m0", "h_m1"],
  heatAcrossClockChange: ["x_lo", "x_hi"],
} satisfies Record<string, LocalColumn[]>;
export type CountSet = keyof typeof LOCAL_SETS | "byClinician" | "byType";

/** GROUPING()'s bits for a set: 1 for every column the set leaves out, the first column highest. */
const mask = (set: readonly LocalColumn[]) =>
  LOCAL_COLUMNS.reduce((m, c, i) => m | (set.includes(c) ? 0 : 1 << (LOCAL_COLUMNS.length - 1 - i)), 0);

/**
 * `ld`: every local day from the previous period's first to the day after the period, with the
 * instants it begins and ends (computed once: the clock-change test and utilization's days read it).
 * `cc`: the bounds of the period as instants, computed once rather than per row (a generic plan
 * would otherwise work out a parameter's local midnight for every appointment), and the local days
 * that are not 24 hours long, as a date[]; `team`: the clinicians who take appointments (whose booked
 * time counts), read once rather than joined to every appointment.
 */
function localDaysCtes(s: DashboardScope): SQL {
  const p = s.period;
  const tz = s.timeZone;
  return sql`ld AS MATERIALIZED (
    SELECT d AS day, d::timestamp AT TIME ZONE ${tz} AS lo, (d + 1)::timestamp AT TIME ZONE ${tz} AS hi
      FROM (SELECT ${p.previousFrom}::date + i AS d
              FROM generate_series(0, ${p.to}::date - ${p.previousFrom}::date + 1) i) x),
  cc AS MATERIALIZED (
    SELECT ${localMidnight(p.from, tz)} AS from_at, ${s.now.toISOString()}::timestamptz AS now_at,
           ARRAY(SELECT day FROM ld WHERE hi - lo <> interval '24 hours') AS clock_change_days,
           ARRAY(SELECT user_id FROM memberships WHERE clinic_id = ${s.clinicId} AND takes_appointments) AS team)`;
}

export function periodCountsCte(s: DashboardScope): SQL {
  const p = s.period;
  const tz = s.timeZone;
  const cols = sql.raw(LOCAL_COLUMNS.join(", "));
  const sets = Object.values(LOCAL_SETS).map((set) => sql.raw(`(${set.join(", ")})`));
  const setName = Object.entries(LOCAL_SETS).map(
    ([name, set]) => sql`WHEN ${sql.raw(String(mask(set)))} THEN ${sql.raw(`'${name}'`)}`,
  );
  return sql`${localDaysCtes(s)},
  pr AS MATERIALIZED (
    -- grouped by start and end (the rest is local time, worked out per group), by clinician, by type
    SELECT GROUPING(starts_at, clinician_id, type_id) AS g, starts_at, ends_at, clinician_id, type_id, current,
           outcome, holds_time, reminded, count(*) AS n, sum(ends_at - starts_at) AS dur
      FROM (SELECT a.starts_at, a.ends_at, a.clinician_id, a.type_id, ${outcomeOf(s)} AS outcome,
                   a.starts_at >= cc.from_at AS current,
                   a.status <> 'cancelled' AND coalesce(a.clinician_id = ANY (cc.team), false) AS holds_time,
                   CASE WHEN a.starts_at >= cc.from_at AND a.starts_at < cc.now_at AND a.status IN ('checked_in', 'completed', 'no_show')
                     THEN EXISTS (SELECT 1 FROM messages r WHERE r.clinic_id = ${s.clinicId} AND r.appointment_id = a.id
                                     AND r.kind IN ('reminder_24h', 'reminder_2h') AND r.state = 'sent') END AS reminded
              FROM cc CROSS JOIN appointments a
             WHERE ${appointmentsIn(s, p.previousFrom, p.to)}) a
     GROUP BY GROUPING SETS ((starts_at, ends_at, outcome, holds_time, reminded), (clinician_id, current, outcome, holds_time),
                             (type_id, current, outcome))),
  pl AS (
    -- each distinct start and end in local time (OFFSET 0: computed once, not inlined into every use)
    SELECT current, started, outcome, reminded, n, minutes, holds_time, date_trunc('week', lo)::date::text AS week,
           CASE WHEN heat AND NOT clock_change THEN extract(isodow FROM lo)::int END AS h_day,
           CASE WHEN heat AND NOT clock_change THEN extract(epoch FROM lo::time) / 60 END AS h_m0,
           CASE WHEN heat AND NOT clock_change THEN extract(epoch FROM lo::time) / 60 + minutes END AS h_m1,
           CASE WHEN heat AND clock_change THEN starts_at END AS x_lo,
           CASE WHEN heat AND clock_change THEN ends_at END AS x_hi
      FROM (SELECT y.*, y.current AND y.holds_time AS heat,
                   y.lo::date = ANY (y.clock_change_days) OR (y.lo + (y.ends_at - y.starts_at))::date = ANY (y.clock_change_days)
                     AS clock_change
              FROM (SELECT starts_at, ends_at, outcome, reminded, n, holds_time, starts_at AT TIME ZONE ${tz} AS lo,
                           starts_at >= cc.from_at AS current, starts_at < cc.now_at AS started,
                           extract(epoch FROM ends_at - starts_at) / 60 AS minutes, cc.clock_change_days
                      FROM pr CROSS JOIN cc WHERE g = 3 OFFSET 0) y) x),
  pc AS MATERIALIZED (
    SELECT CASE GROUPING(${cols}) ${sql.join(setName, sql` `)} END AS grouping_set, ${cols},
           NULL::uuid AS clinician_id, NULL::uuid AS type_id, sum(n) AS n,
           coalesce(sum(n * minutes) FILTER (WHERE holds_time), 0) AS booked,
           coalesce(sum(n) FILTER (WHERE holds_time), 0) AS holding
      FROM pl GROUP BY GROUPING SETS (${sql.join(sets, sql`, `)})
    UNION ALL
    SELECT 'byClinician', current, NULL, outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, clinician_id, NULL, sum(n),
           extract(epoch FROM coalesce(sum(dur) FILTER (WHERE holds_time), interval '0')) / 60,
           coalesce(sum(n) FILTER (WHERE holds_time), 0)
      FROM pr WHERE g = 5 GROUP BY current, outcome, clinician_id
    UNION ALL
    SELECT 'byType', current, NULL, outcome, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, type_id, sum(n), 0, 0
      FROM pr WHERE g = 6 GROUP BY current, outcome, type_id)`;
}

/** Rows of one set of `pc`. */
export const countSet = (set: CountSet): SQL => sql.raw(`pc.grouping_set = '${set}'`);
