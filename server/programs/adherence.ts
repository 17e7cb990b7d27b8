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
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { executeBuilt, executePrepared, type Tx } from "@/db/client";
import { planFeedback, programPhaseMoves, programs, programVersions, type StoredPhase } from "@/db/schema";
import { groupBy } from "@/server/group-by";
import { phaseSchedule, phasesOn, phaseStatus, type PhaseMove } from "./phases";

export type Adherence = {
  programId: string;
  title: string;
  percentDone: number | null;
  sessionsDone: number;
  sessionsExpected: number;
  lastActivityAt: Date | null;
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

/** The "move to the next phase now" records of a set of programs, by program. */
export async function phaseMoves(tx: Tx, clinicId: string, programIds: string[]): Promise<Map<string, PhaseMove[]>> {
  const byProgram = new Map<string, PhaseMove[]>();
  if (programIds.length === 0) return byProgram;
  const rows = await executeBuilt(
    tx
      .select({
        programId: programPhaseMoves.programId,
        phaseIndex: programPhaseMoves.phaseIndex,
        startsOn: programPhaseMoves.startsOn,
      })
      .from(programPhaseMoves)
      .where(
        and(
          eq(programPhaseMoves.clinicId, clinicId),
          sql`${programPhaseMoves.programId} = ANY (${`{${programIds.join(",")}}`}::uuid[])`,
        ),
      ),
  );
  for (const r of rows)
    byProgram.set(r.programId, [
      ...(byProgram.get(r.programId) ?? []),
      { phaseIndex: r.phaseIndex, startsOn: r.startsOn },
    ]);
  return byProgram;
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
  const given = await executeBuilt(
    tx
      .select({
        id: programs.id,
        patientId: programs.patientId,
        title: programVersions.title,
        startDate: programVersions.startDate,
        daysPerWeek: programVersions.daysPerWeek,
        phases: programVersions.phases,
      })
      .from(programs)
      .innerJoin(programVersions, assignedVersionOf)
      .where(and(eq(programs.clinicId, clinicId), sql`${programs.patientId} = ANY (${ids})`, givenToPatient))
      .orderBy(sql`${programVersions.assignedAt} DESC`),
  );
  if (given.length === 0) return new Map();

  // Every version's schedule, items per phase, and done ticks per day and phase, of these patients' programs.
  // Each read is a prepared statement (one text whatever the patients: their ids are one array
  // parameter), planned once per connection rather than on every dashboard load.
  const versions = await executePrepared<{
    program_id: string;
    version: number;
    start_date: string;
    phases: StoredPhase[];
  }>(
    tx,
    sql`
    SELECT v.program_id, v.version, to_char(v.start_date, 'YYYY-MM-DD') AS start_date, v.phases
      FROM program_versions v JOIN programs p ON p.clinic_id = v.clinic_id AND p.id = v.program_id
     WHERE v.clinic_id = ${clinicId} AND p.patient_id = ANY (${ids}) AND v.assigned_at IS NOT NULL`,
  );
  const sizes = await executePrepared<{ program_id: string; version: number; phase: number; n: number }>(
    tx,
    sql`
    SELECT i.program_id, i.version, i.phase_index AS phase, count(*)::int AS n
      FROM program_items i JOIN programs p ON p.clinic_id = i.clinic_id AND p.id = i.program_id
     WHERE i.clinic_id = ${clinicId} AND p.patient_id = ANY (${ids})
     GROUP BY 1, 2, 3`,
  );
  // Done ticks per version, day and phase, with each group's latest tick (the program's last activity
  // is the latest of its groups': no separate read). Grouped by the date, formatted after.
  const ticks = await executePrepared<{
    program_id: string;
    version: number;
    day: string;
    phase: number;
    n: number;
    /** drizzle's session reads timestamps as text */
    last: string;
  }>(
    tx,
    sql`
    SELECT program_id, version, to_char(day, 'YYYY-MM-DD') AS day, phase, n, last
      FROM (SELECT l.program_id, l.version, l.day, i.phase_index AS phase, count(*)::int AS n, max(l.logged_at) AS last
              FROM exercise_logs l
              JOIN program_items i ON i.clinic_id = l.clinic_id AND i.id = l.item_id
             WHERE l.clinic_id = ${clinicId} AND l.patient_id = ANY (${ids}) AND l.done
             GROUP BY 1, 2, 3, 4) t`,
  );
  const moves = await phaseMoves(
    tx,
    clinicId,
    given.map((p) => p.id),
  );
  const feedback = await executeBuilt(
    tx
      .select({
        programId: planFeedback.programId,
        day: planFeedback.day,
        pain: planFeedback.pain,
        loggedAt: planFeedback.loggedAt,
      })
      .from(planFeedback)
      .where(and(eq(planFeedback.clinicId, clinicId), sql`${planFeedback.patientId} = ANY (${ids})`))
      .orderBy(asc(planFeedback.day)),
  );

  const byProgram = <T>(rows: T[], key: (row: T) => string) => {
    const groups = groupBy(rows, key);
    return (id: string) => groups.get(id) ?? [];
  };
  const versionsOf = byProgram(versions.rows, (r) => r.program_id);
  const sizesOf = byProgram(sizes.rows, (r) => r.program_id);
  const ticksOf = byProgram(ticks.rows, (r) => r.program_id);
  const ratingsOf = byProgram(feedback, (r) => r.programId);
  const adherence = given.map((p) => {
    const programMoves = moves.get(p.id) ?? [];
    const counted = computeAdherence({
      startDate: p.startDate,
      daysPerWeek: p.daysPerWeek,
      today,
      sessionDays: sessionDays({
        versions: versionsOf(p.id).map((v) => ({ version: v.version, startDate: v.start_date, phases: v.phases })),
        moves: programMoves,
        sizes: sizesOf(p.id),
        ticks: ticksOf(p.id),
      }),
    });
    const ratings = ratingsOf(p.id);
    const times = [...ticksOf(p.id).map((t) => new Date(t.last).getTime()), ...ratings.map((f) => f.loggedAt.getTime())];
    const one: Adherence = {
      programId: p.id,
      title: p.title,
      ...counted,
      lastActivityAt: times.length ? new Date(Math.max(...times)) : null,
      pain: ratings.slice(-90).map((f) => ({ day: f.day, pain: f.pain })),
      startsOn: p.startDate,
      phase: phaseNow(p, programMoves, today),
    };
    return { patientId: p.patientId, adherence: one };
  });
  const byPatient = groupBy(adherence, (a) => a.patientId);
  return new Map([...byPatient].map(([patientId, list]) => [patientId, list.map((a) => a.adherence)]));
}
