// KPIs 5–8 beyond the lists: visits per discharged episode and early dropout, outcomes (the
// outcomes engine's own summary of the period's discharges — one definition of "reached the
// MCID"), home-exercise adherence
// (the programs' own adherence rules) and reminders vs no-shows.
import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { adherenceOfPatients } from "@/server/programs/adherence";
import { outcomeJudgmentsOf, outcomeSummariesOf, type OutcomeJudgment } from "@/server/outcomes/read";
import type { ClinicOutcomeSummary } from "@/server/outcomes/views";
import { groupBy } from "@/server/group-by";
import { localDateTime } from "@/server/scheduling/zoned-time";
import { mondayOf } from "./period";
import { countSet } from "./counts";
import { runFragments } from "./statement";
import { ARRIVED, localMidnight, previousUntil, type DashboardScope } from "./scope";

export type EpisodeRow = {
  episodeId: string;
  patientId: string;
  patientName: string;
  clinicianName: string | null;
  started: string;
  discharged: string;
  visits: number;
  current: boolean;
};

/**
 * Episodes discharged in the period (and in the stretch of the previous one it is compared with,
 * scope.ts previousUntil), each with its arrived visits: from
 * the clinic-local day the episode started to its discharge. Filtered by the episode's clinician.
 * A fragment of the dashboard's statement answering a JSON array of EpisodeRow.
 */
export function dischargedEpisodesSql(s: DashboardScope, onlyCurrent = false): SQL {
  const tz = s.timeZone;
  return sql`(
    SELECT coalesce(json_agg(json_build_object(
             'episodeId', e.id, 'patientId', e.patient_id, 'patientName', p.first_name || ' ' || p.last_name,
             'clinicianName', u.name,
             'started', to_char(e.started_at AT TIME ZONE ${tz}, 'YYYY-MM-DD'),
             'discharged', to_char(e.discharged_at AT TIME ZONE ${tz}, 'YYYY-MM-DD'),
             -- read in start order, so the plan walks the (clinic, patient, start) index of arrived visits:
             -- a plain count let the generic plan walk the patient's every booking in the overlap index
             -- (0.5 ms per episode for the 20k clinic's patients; 126 episodes took 67 ms)
             'visits', (SELECT count(*)::int FROM (
                          SELECT 1 FROM appointments a
                           WHERE a.clinic_id = ${s.clinicId} AND a.patient_id = e.patient_id AND a.status IN ${ARRIVED}
                             AND a.starts_at >= (date_trunc('day', e.started_at AT TIME ZONE ${tz}) AT TIME ZONE ${tz})
                             AND a.starts_at <= e.discharged_at
                           ORDER BY a.starts_at) v),
             'current', e.discharged_at >= ${localMidnight(s.period.from, tz)})
             ORDER BY e.discharged_at, e.id), '[]')
      FROM episodes e
      JOIN patients p ON p.clinic_id = e.clinic_id AND p.id = e.patient_id
      LEFT JOIN users u ON u.id = e.clinician_id
     WHERE e.clinic_id = ${s.clinicId} AND e.status = 'discharged'
       AND e.discharged_at >= ${localMidnight(onlyCurrent ? s.period.from : s.period.previousFrom, tz)}
       AND e.discharged_at < ${localMidnight(s.period.to, tz)}
       ${onlyCurrent ? sql`` : sql`AND (e.discharged_at >= ${localMidnight(s.period.from, tz)} OR e.discharged_at < ${previousUntil(s)})`}
       ${s.clinicianId ? sql`AND e.clinician_id = ${s.clinicianId}` : sql``})`;
}

/** The period's discharged episodes (`current`) by the clinic-local week of their discharge, weeks ascending. */
export function dischargeWeeks(episodes: EpisodeRow[]): [week: string, episodes: EpisodeRow[]][] {
  const weeks = groupBy(
    episodes.filter((e) => e.current),
    (e) => mondayOf(e.discharged),
  );
  return [...weeks].sort(([x], [y]) => x.localeCompare(y));
}

export type EpisodeStats = { discharged: number; visitsPerEpisode: number | null; earlyDropout: number };
export const EARLY_DROPOUT_VISITS = 3;

export function episodeStats(rows: EpisodeRow[]): EpisodeStats {
  const visits = rows.reduce((sum, r) => sum + r.visits, 0);
  return {
    discharged: rows.length,
    visitsPerEpisode: rows.length ? Math.round((visits / rows.length) * 10) / 10 : null,
    earlyDropout: rows.filter((r) => r.visits < EARLY_DROPOUT_VISITS).length,
  };
}

/** A comparison needs at least this many appointments in each group (reminded and not). */
export const REMINDER_MIN_GROUP = 30;
type NoShows = { appointments: number; noShows: number };
export type RemindersKpi = {
  reminded: NoShows;
  notReminded: NoShows;
  enoughData: boolean;
  /** The same split, week by week (weeks with any such appointment). */
  weekly: { week: string; reminded: NoShows; notReminded: NoShows }[];
};

type ReminderGroup = { reminded: boolean; appointments: number; noShows: number };
export type RemindersFragment = { groups: ReminderGroup[]; weekly: ({ week: string } & ReminderGroup)[] };

/** The no-show counts of appointments grouped by whether they were reminded, from one set of `pc`. */
const reminderGroups = (
  extra: SQL,
) => sql`sum(n) AS n, coalesce(sum(n) FILTER (WHERE outcome = 'no_show'), 0) AS no_shows
  FROM pc WHERE ${extra} AND current AND started AND outcome IN ('arrived', 'no_show')`;

/**
 * Appointments of the period that ended arrived or as a no-show, split by whether a reminder
 * email (24 h or 2 h) was sent for them (`reminded` of `pc`, counts.ts): in total and by week.
 */
export const remindersSql = (): SQL => sql`json_build_object(
  'groups', (SELECT coalesce(json_agg(json_build_object('reminded', reminded, 'appointments', n, 'noShows', no_shows)), '[]')
               FROM (SELECT reminded, ${reminderGroups(countSet("totals"))} GROUP BY reminded) r),
  'weekly', (SELECT coalesce(json_agg(json_build_object('week', week, 'reminded', reminded, 'appointments', n,
                                                        'noShows', no_shows) ORDER BY week, reminded), '[]')
               FROM (SELECT week, reminded, ${reminderGroups(countSet("weekly"))} GROUP BY week, reminded) r))`;

/** A week's (or the period's) reminded and not reminded groups. */
function reminderSplit(rows: ReminderGroup[]) {
  const group = (reminded: boolean) => {
    const r = rows.find((x) => x.reminded === reminded);
    return { appointments: Number(r?.appointments ?? 0), noShows: Number(r?.noShows ?? 0) };
  };
  return { reminded: group(true), notReminded: group(false) };
}

export function parseReminders(k: RemindersFragment): RemindersKpi {
  const { reminded, notReminded } = reminderSplit(k.groups);
  return {
    reminded,
    notReminded,
    enoughData: reminded.appointments >= REMINDER_MIN_GROUP && notReminded.appointments >= REMINDER_MIN_GROUP,
    // the statement sends them by week: groupBy keeps that order
    weekly: [...groupBy(k.weekly, (w) => w.week)].map(([week, rows]) => ({ week, ...reminderSplit(rows) })),
  };
}

export type OutcomesKpi = {
  current: ClinicOutcomeSummary;
  previous: ClinicOutcomeSummary;
  /** Per week of discharge: episodes judged, and those that reached the MCID on at least one questionnaire. */
  weekly: { week: string; judged: number; reached: number }[];
};

/**
 * The outcomes engine's summary (one definition of "reached the MCID") of the episodes discharged
 * in the period, of those discharged in the one before, and of each week's: `episodes` is the
 * statement's list of both periods (dischargedEpisodesSql), already narrowed to the clinician when
 * filtered. One read for all of them (outcomeSummariesOf).
 */
export async function outcomesKpi(tx: Tx, s: DashboardScope, episodes: EpisodeRow[]): Promise<OutcomesKpi> {
  const ids = (current: boolean) => episodes.filter((e) => e.current === current).map((e) => e.episodeId);
  const weeks = dischargeWeeks(episodes);
  const [current, previous, ...weekly] = await outcomeSummariesOf(
    tx,
    s.clinicId,
    [ids(true), ids(false), ...weeks.map(([, list]) => list.map((e) => e.episodeId))],
    s.now,
  );
  const byWeek = weeks.map(([week], i) => {
    // by clinician, an episode counts once: judged, and reached on at least one of its questionnaires
    const clinicians = weekly[i]!.byClinician;
    return {
      week,
      judged: clinicians.reduce((n, c) => n + c.evaluated, 0),
      reached: clinicians.reduce((n, c) => n + c.reached, 0),
    };
  });
  return { current: current!, previous: previous!, weekly: byWeek.filter((w) => w.judged > 0) };
}

export type OutcomeRow = OutcomeJudgment & { patientId: string; patientName: string; discharged: string };

/**
 * The rows behind the outcomes KPI: each questionnaire judged on an episode discharged in the period
 * (`episodes`: dischargedEpisodesSql's current ones), in the order of discharge.
 */
export async function outcomeRows(tx: Tx, s: DashboardScope, episodes: EpisodeRow[]): Promise<OutcomeRow[]> {
  const byId = new Map(episodes.map((e, i) => [e.episodeId, { e, i }]));
  const judged = await outcomeJudgmentsOf(
    tx,
    s.clinicId,
    episodes.map((e) => e.episodeId),
    s.now,
  );
  return judged
    .map((j) => ({ j, at: byId.get(j.episodeId)! }))
    .sort((x, y) => x.at.i - y.at.i)
    .map(({ j, at: { e } }) => ({
      ...j,
      patientId: e.patientId,
      patientName: e.patientName,
      discharged: e.discharged,
    }));
}

export type AdherenceKpi = {
  activePrograms: number;
  medianPercent: number | null;
  patients: number;
  loggedLast7Days: number;
  /** By the clinician who assigned the program: its programs, their median, its patients and those who logged. */
  byClinician: {
    clinicianId: string;
    programs: number;
    medianPercent: number | null;
    patients: number;
    loggedLast7Days: number;
  }[];
  /** Patients (of those with an assigned program) who logged a tick or a pain rating for a day of each week. */
  weekly: { week: string; patients: number }[];
};

const median = (values: number[]): number | null => {
  if (!values.length) return null;
  const v = [...values].sort((a, b) => a - b);
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : Math.round((v[mid - 1]! + v[mid]!) / 2);
};

export type AssignedProgram = { patient_id: string; program_id: string; clinician_id: string | null };

/**
 * The assigned programs adherence looks at (a fragment of the dashboard's statement, a JSON array);
 * `named`: with the patient's, the clinician's and the program's names (the drill-down's rows).
 */
export const assignedProgramsSql = (s: DashboardScope, named = false): SQL => sql`(
  SELECT coalesce(json_agg(json_build_object('patient_id', pr.patient_id, 'program_id', pr.id,
                                             'clinician_id', pr.created_by
                                             ${named ? sql`, 'patient_name', pt.first_name || ' ' || pt.last_name, 'clinician_name', u.name` : sql``})
                           ${named ? sql`ORDER BY pt.last_name, pt.first_name, pr.id` : sql``}), '[]')
    FROM programs pr
    ${named ? sql`JOIN patients pt ON pt.clinic_id = pr.clinic_id AND pt.id = pr.patient_id LEFT JOIN users u ON u.id = pr.created_by` : sql``}
   WHERE pr.clinic_id = ${s.clinicId} AND pr.status = 'assigned'
     ${s.clinicianId ? sql`AND pr.created_by = ${s.clinicianId}` : sql``})`;

/** Each assigned program with its adherence (server/programs/adherence.ts, all patients in one go; none: not given). */
async function programsAdherence<P extends AssignedProgram>(tx: Tx, s: DashboardScope, rows: P[]) {
  const today = localDateTime(s.now, s.timeZone).date;
  const patientIds = [...new Set(rows.map((r) => r.patient_id))];
  const adherence = await adherenceOfPatients(tx, s.clinicId, patientIds, today);
  return rows.map((program) => ({
    program,
    adherence: (adherence.get(program.patient_id) ?? []).find((a) => a.programId === program.program_id) ?? null,
  }));
}

/**
 * Assigned programs' adherence; the clinician is the one who assigned the program. Patients "logged"
 * when their last tick or pain rating is within 7 days.
 */
export async function adherenceKpi(tx: Tx, s: DashboardScope, rows: AssignedProgram[]): Promise<AdherenceKpi> {
  const weekAgo = s.now.getTime() - 7 * 86_400_000;
  const percents: number[] = [];
  type Own = { programs: number; percents: number[]; patients: Set<string>; logged: Set<string> };
  const byClinician = new Map<string, Own>();
  const logged = new Set<string>();
  // the patients who logged for a day of each week of the period (the patient's days are clinic-local dates)
  const loggedByWeek = new Map<string, Set<string>>();
  const weekOfDay = new Map<string, string>(); // mondayOf per distinct day, not per program and day
  for (const { program, adherence: a } of await programsAdherence(tx, s, rows)) {
    const key = program.clinician_id ?? "none";
    let own = byClinician.get(key);
    if (!own) byClinician.set(key, (own = { programs: 0, percents: [], patients: new Set(), logged: new Set() }));
    own.programs += 1;
    own.patients.add(program.patient_id);
    if (!a) continue;
    for (const day of a.loggedDays) {
      if (day < s.period.from || day >= s.period.to) continue;
      let week = weekOfDay.get(day);
      if (!week) weekOfDay.set(day, (week = mondayOf(day)));
      const patients = loggedByWeek.get(week);
      if (patients) patients.add(program.patient_id);
      else loggedByWeek.set(week, new Set([program.patient_id]));
    }
    if (a.lastActivityAt && a.lastActivityAt.getTime() >= weekAgo) {
      logged.add(program.patient_id);
      own.logged.add(program.patient_id);
    }
    if (a.percentDone === null) continue;
    percents.push(a.percentDone);
    own.percents.push(a.percentDone);
  }
  return {
    activePrograms: rows.length,
    medianPercent: median(percents),
    patients: new Set(rows.map((r) => r.patient_id)).size,
    loggedLast7Days: logged.size,
    // the clinicians with the most programs first, as the dashboard's other tables list the largest first
    byClinician: [...byClinician]
      .map(([clinicianId, own]) => ({
        clinicianId,
        programs: own.programs,
        medianPercent: median(own.percents),
        patients: own.patients.size,
        loggedLast7Days: own.logged.size,
      }))
      .sort((x, y) => y.programs - x.programs),
    weekly: [...loggedByWeek]
      .map(([week, patients]) => ({ week, patients: patients.size }))
      .sort((x, y) => x.week.localeCompare(y.week)),
  };
}

export type AdherenceRow = {
  programId: string;
  title: string;
  patientId: string;
  patientName: string;
  clinicianName: string | null;
  percentDone: number | null;
  sessionsDone: number;
  sessionsExpected: number;
  /** Clinic-local "YYYY-MM-DD HH:MM" of the latest tick or pain rating. */
  lastActivity: string | null;
};

/** The rows behind the adherence KPI: every assigned program it counts, with its figures. */
export async function adherenceRows(tx: Tx, s: DashboardScope): Promise<AdherenceRow[]> {
  type Named = AssignedProgram & { patient_name: string; clinician_name: string | null };
  const { rows } = await runFragments<{ rows: Named[] }>(tx, s, () => ({ rows: assignedProgramsSql(s, true) }));
  return (await programsAdherence(tx, s, rows)).map(({ program, adherence: a }) => ({
    programId: program.program_id,
    title: a?.title ?? "",
    patientId: program.patient_id,
    patientName: program.patient_name,
    clinicianName: program.clinician_name,
    percentDone: a?.percentDone ?? null,
    sessionsDone: a?.sessionsDone ?? 0,
    sessionsExpected: a?.sessionsExpected ?? 0,
    lastActivity: a?.lastActivityAt ? localStamp(a.lastActivityAt, s.timeZone) : null,
  }));
}

/** An instant as the clinic's local "YYYY-MM-DD HH:MM". */
function localStamp(at: Date, timeZone: string): string {
  const { date, minutes } = localDateTime(at, timeZone);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return `${date} ${hh}:${mm}`;
}
