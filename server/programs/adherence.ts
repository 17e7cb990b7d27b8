// Adherence: how much of what was prescribed the patient did.
//
// A session is a day (in the clinic's zone) on which the patient ticked every exercise due that
// day: all items of the phases that applied that day (server/programs/phases.ts — for a program
// without phase starts, all its items), of one version. Sessions are counted from the start
// date of the version last assigned, in weeks from that date; a week expects `daysPerWeek`
// sessions but no more than its days so far — today counts only once today's session is done, so
// the morning does not read as a miss. Done sessions count at most `daysPerWeek` a week (an extra
// day does not make up for a missed week). percentDone = round(100 × done / expected), null
// before anything is expected. Last activity is the latest tick or pain rating; pain is one point
// per day rated.
import { and, eq, isNotNull, ne, sql, type SQL } from "drizzle-orm";
import { executeBatch, executePrepared, type Tx } from "@/db/client";
import { programs, programVersions, type StoredPhase } from "@/db/schema";
import { groupBy } from "@/server/group-by";
import { phaseSchedule, phasesOn, phaseStatus, type PhaseMove } from "./phases";

export type Adherence = {
  programId: string;
  title: string;
  percentDone: number | null;
  sessionsDone: number;
  sessionsExpected: number;
  lastActivityAt: Date | null;
  /** The patient's days (clinic-local dates, ascending) with a done tick or a pain rating. */
  loggedDays: string[];
  pain: { day: string; pain: number }[];
  /** The first day of the plan the patient has: before it nothing is due ("starts …"). */
  startsOn: string;
  /** Where a phased program is today (null: no phase starts, everything is due together). */
  phase: PhaseNow | null;
};

export type PhaseNow = {
  /** 1-based; 0 before the program starts. */
  number: number;
  count: number;
  title: string | null;
  next: { number: number; title: string; startsOn: string } | null;
};

/** Where a phased program is on `today`, for people (null when it has no phase starts). */
export function phaseNow(
  version: { startDate: string; phases: StoredPhase[] },
  moves: PhaseMove[],
  today: string,
): PhaseNow | null {
  const status = phaseStatus(version.startDate, version.phases, moves, today);
  if (!status.phased) return null;
  const current = status.current[0];
  return {
    number: current === undefined ? 0 : current + 1,
    count: version.phases.length,
    title: current === undefined ? null : version.phases[current]!.title,
    next: status.next
      ? {
          number: status.next.index + 1,
          title: version.phases[status.next.index]!.title,
          startsOn: status.next.startsOn,
        }
      : null,
  };
}

type VersionSchedule = { version: number; startDate: string; phases: StoredPhase[] };

/**
 * The days with a complete session: for some version, every item of the phases that applied that
 * day was ticked. sizes: items per version and phase; ticks: done items per version, day and phase.
 */
export function sessionDays(input: {
  versions: VersionSchedule[];
  moves: PhaseMove[];
  sizes: { version: number; phase: number; n: number }[];
  ticks: { version: number; day: string; phase: number; n: number }[];
}): string[] {
  const days = new Set<string>();
  for (const v of input.versions) {
    const schedule = phaseSchedule(v.startDate, v.phases, input.moves);
    const size = (phase: number) => input.sizes.find((s) => s.version === v.version && s.phase === phase)?.n ?? 0;
    const byDay = new Map<string, Map<number, number>>();
    for (const t of input.ticks.filter((x) => x.version === v.version)) {
      const phases = byDay.get(t.day) ?? new Map<number, number>();
      phases.set(t.phase, (phases.get(t.phase) ?? 0) + t.n);
      byDay.set(t.day, phases);
    }
    for (const [day, ticked] of byDay) {
      const due = phasesOn(schedule, day).filter((p) => size(p) > 0);
      if (due.length > 0 && due.every((p) => (ticked.get(p) ?? 0) >= size(p))) days.add(day);
    }
  }
  return [...days];
}

/** "Move to the next phase now" records of the clinic's programs that `which` selects (programs p joined). */
const phaseMovesSql = (clinicId: string, which: SQL): SQL => sql`
  SELECT m.program_id, m.phase_index, to_char(m.starts_on, 'YYYY-MM-DD') AS starts_on
    FROM program_phase_moves m JOIN programs p ON p.clinic_id = m.clinic_id AND p.id = m.program_id
   WHERE m.clinic_id = ${clinicId} AND ${which}`;
type MoveRow = { program_id: string; phase_index: number; starts_on: string };
const movesByProgram = (rows: MoveRow[]): Map<string, PhaseMove[]> => {
  const byProgram = new Map<string, PhaseMove[]>();
  for (const r of rows)
    byProgram.set(r.program_id, [
      ...(byProgram.get(r.program_id) ?? []),
      { phaseIndex: r.phase_index, startsOn: r.starts_on },
    ]);
  return byProgram;
};

/** The "move to the next phase now" records of a set of programs, by program. */
export async function phaseMoves(tx: Tx, clinicId: string, programIds: string[]): Promise<Map<string, PhaseMove[]>> {
  if (programIds.length === 0) return new Map();
  const ids = sql`${`{${programIds.join(",")}}`}::uuid[]`;
  return movesByProgram((await executePrepared<MoveRow>(tx, phaseMovesSql(clinicId, sql`p.id = ANY (${ids})`))).rows);
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);

/** The counting rules above, on plain values: sessionDays are the days with a complete session. */
export function computeAdherence(input: {
  startDate: string;
  daysPerWeek: number;
  today: string;
  sessionDays: Iterable<string>;
}) {
  const start = dayNumber(input.startDate);
  const today = dayNumber(input.today);
  if (today < start) return { sessionsDone: 0, sessionsExpected: 0, percentDone: null };
  const sessions = new Set([...input.sessionDays].map(dayNumber).filter((d) => d >= start && d <= today));
  const weeks = new Map<number, { elapsed: number; done: number }>();
  for (let d = start; d <= today; d++) {
    const week = Math.floor((d - start) / 7);
    const w = weeks.get(week) ?? { elapsed: 0, done: 0 };
    const done = sessions.has(d);
    if (d < today || done) w.elapsed++;
    if (done) w.done++;
    weeks.set(week, w);
  }
  let sessionsExpected = 0;
  let sessionsDone = 0;
  for (const w of weeks.values()) {
    sessionsExpected += Math.min(w.elapsed, input.daysPerWeek);
    sessionsDone += Math.min(w.done, input.daysPerWeek);
  }
  return {
    sessionsDone,
    sessionsExpected,
    percentDone: sessionsExpected > 0 ? Math.round((100 * sessionsDone) / sessionsExpected) : null,
  };
}

/** Adherence of each program the patient has been given (not archived), newest first. */
export async function patientAdherence(
  tx: Tx,
  clinicId: string,
  patientId: string,
  today: string,
): Promise<Adherence[]> {
  return (await adherenceOfPatients(tx, clinicId, [patientId], today)).get(patientId) ?? [];
}

/** A program's version as given to the patient: the one last assigned (join programVersions on this). */
export const assignedVersionOf = and(
  eq(programVersions.clinicId, programs.clinicId),
  eq(programVersions.programId, programs.id),
  eq(programVersions.version, programs.assignedVersion),
);
/** A program its patient has: assigned at some point and not archived since. */
export const givenToPatient = and(isNotNull(programs.assignedVersion), ne(programs.status, "archived"));

/**
 * patientAdherence for several patients at once, by patient (a patient with no program given: no
 * entry): the same seven reads for all of them, not seven per patient (the owner dashboard asks for
 * every patient with an assigned program).
 */
export async function adherenceOfPatients(
  tx: Tx,
  clinicId: string,
  patientIds: string[],
  today: string,
): Promise<Map<string, Adherence[]>> {
  if (patientIds.length === 0) return new Map();
  const ids = sql`${`{${patientIds.join(",")}}`}::uuid[]`;
  // Six reads of these patients' programs in one round trip (executeBatch: each a statement prepared
  // once per connection, one text whatever the patients, their ids being one array parameter).
  const [given, versions, sizes, ticks, moves, feedback] = await executeBatch(tx, [
    // the programs given to them, with the version each was last assigned, newest first
    sql`
    SELECT programs.id, programs.patient_id, program_versions.title, program_versions.days_per_week,
           to_char(program_versions.start_date, 'YYYY-MM-DD') AS start_date, program_versions.phases
      FROM programs JOIN program_versions ON ${assignedVersionOf}
     WHERE programs.clinic_id = ${clinicId} AND programs.patient_id = ANY (${ids}) AND ${givenToPatient}
     ORDER BY program_versions.assigned_at DESC`,
    // every version's schedule, items per version and phase, and done ticks per version, day and phase
    sql`
    SELECT v.program_id, v.version, to_char(v.start_date, 'YYYY-MM-DD') AS start_date, v.phases
      FROM program_versions v JOIN programs p ON p.clinic_id = v.clinic_id AND p.id = v.program_id
     WHERE v.clinic_id = ${clinicId} AND p.patient_id = ANY (${ids}) AND v.assigned_at IS NOT NULL`,
    sql`
    SELECT i.program_id, i.version, i.phase_index AS phase, count(*)::int AS n
      FROM program_items i JOIN programs p ON p.clinic_id = i.clinic_id AND p.id = i.program_id
     WHERE i.clinic_id = ${clinicId} AND p.patient_id = ANY (${ids})
     GROUP BY 1, 2, 3`,
    // with each group's latest tick: the program's last tick is the latest of its groups'. As epoch
    // milliseconds: a number parses in a fraction of a timestamp's time, and a patient of a year has
    // hundreds of these rows (pg's date parsing was a tenth of the dashboard's adherence CPU)
    sql`
    SELECT program_id, version, to_char(day, 'YYYY-MM-DD') AS day, phase, n, last
      FROM (SELECT l.program_id, l.version, l.day, i.phase_index AS phase, count(*)::int AS n,
                   (extract(epoch FROM max(l.logged_at)) * 1000)::float8 AS last
              FROM exercise_logs l
              JOIN program_items i ON i.clinic_id = l.clinic_id AND i.id = l.item_id
             WHERE l.clinic_id = ${clinicId} AND l.patient_id = ANY (${ids}) AND l.done
             GROUP BY 1, 2, 3, 4) t`,
    phaseMovesSql(clinicId, sql`p.patient_id = ANY (${ids})`),
    sql`
    SELECT program_id, to_char(day, 'YYYY-MM-DD') AS day, pain, logged_at
      FROM plan_feedback
     WHERE clinic_id = ${clinicId} AND patient_id = ANY (${ids})
     ORDER BY day`,
  ]);
  // each result's rows, typed as its select list above says
  const rows = <T>(r: { rows: unknown[] } | undefined) => (r?.rows ?? []) as T[];
  const programsGiven = rows<{
    id: string;
    patient_id: string;
    title: string;
    days_per_week: number;
    start_date: string;
    phases: StoredPhase[];
  }>(given);
  if (programsGiven.length === 0) return new Map();
  const movesOf = movesByProgram(rows<MoveRow>(moves));

  const byProgram = <T>(list: T[], key: (row: T) => string) => {
    const groups = groupBy(list, key);
    return (id: string) => groups.get(id) ?? [];
  };
  const versionsOf = byProgram(
    rows<{ program_id: string; version: number; start_date: string; phases: StoredPhase[] }>(versions),
    (r) => r.program_id,
  );
  const sizesOf = byProgram(
    rows<{ program_id: string; version: number; phase: number; n: number }>(sizes),
    (r) => r.program_id,
  );
  const ticksOf = byProgram(
    rows<{ program_id: string; version: number; day: string; phase: number; n: number; last: number }>(ticks),
    (r) => r.program_id,
  );
  const ratingsOf = byProgram(
    rows<{ program_id: string; day: string; pain: number; logged_at: Date }>(feedback),
    (r) => r.program_id,
  );
  const adherence = programsGiven.map((p) => {
    const programMoves = movesOf.get(p.id) ?? [];
    const version = { startDate: p.start_date, phases: p.phases };
    const counted = computeAdherence({
      startDate: p.start_date,
      daysPerWeek: p.days_per_week,
      today,
      sessionDays: sessionDays({
        versions: versionsOf(p.id).map((v) => ({ version: v.version, startDate: v.start_date, phases: v.phases })),
        moves: programMoves,
        sizes: sizesOf(p.id),
        ticks: ticksOf(p.id),
      }),
    });
    const ratings = ratingsOf(p.id);
    const times = [...ticksOf(p.id).map((t) => t.last), ...ratings.map((f) => f.logged_at.getTime())];
    const one: Adherence = {
      programId: p.id,
      title: p.title,
      ...counted,
      lastActivityAt: times.length ? new Date(Math.max(...times)) : null,
      loggedDays: [...new Set([...ticksOf(p.id).map((t) => t.day), ...ratings.map((f) => f.day)])].sort(),
      pain: ratings.slice(-90).map((f) => ({ day: f.day, pain: f.pain })),
      startsOn: p.start_date,
      phase: phaseNow(version, programMoves, today),
    };
    return { patientId: p.patient_id, adherence: one };
  });
  const byPatient = groupBy(adherence, (a) => a.patientId);
  return new Map([...byPatient].map(([patientId, list]) => [patientId, list.map((a) => a.adherence)]));
}
