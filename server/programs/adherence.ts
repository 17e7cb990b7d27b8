// Adherence: how much of what was prescribed the patient did.
//
// A session is a day (in the clinic's zone) on which the patient ticked every exercise of the
// version they had: all items of one version done that day. Sessions are counted from the start
// date of the version last assigned, in weeks from that date; a week expects `daysPerWeek`
// sessions but no more than its days so far — today counts only once today's session is done, so
// the morning does not read as a miss. Done sessions count at most `daysPerWeek` a week (an extra
// day does not make up for a missed week). percentDone = round(100 × done / expected), null
// before anything is expected. Last activity is the latest tick or pain rating; pain is one point
// per day rated.
import { and, asc, eq, isNotNull, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/client";
import { exerciseLogs, planFeedback, programs, programVersions } from "@/db/schema";

export type Adherence = {
  programId: string;
  title: string;
  percentDone: number | null;
  sessionsDone: number;
  sessionsExpected: number;
  lastActivityAt: Date | null;
  pain: { day: string; pain: number }[];
};

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
  const given = await tx
    .select({
      id: programs.id,
      title: programVersions.title,
      startDate: programVersions.startDate,
      daysPerWeek: programVersions.daysPerWeek,
    })
    .from(programs)
    .innerJoin(
      programVersions,
      and(
        eq(programVersions.clinicId, programs.clinicId),
        eq(programVersions.programId, programs.id),
        eq(programVersions.version, programs.assignedVersion),
      ),
    )
    .where(
      and(
        eq(programs.clinicId, clinicId),
        eq(programs.patientId, patientId),
        isNotNull(programs.assignedVersion),
        ne(programs.status, "archived"),
      ),
    )
    .orderBy(sql`${programVersions.assignedAt} DESC`);
  if (given.length === 0) return [];

  // Days on which every item of some version was ticked, per program.
  const complete = await tx.execute<{ program_id: string; day: string }>(sql`
    WITH sizes AS (
      SELECT i.program_id, i.version, count(*) AS n
        FROM program_items i JOIN programs p ON p.clinic_id = i.clinic_id AND p.id = i.program_id
       WHERE i.clinic_id = ${clinicId} AND p.patient_id = ${patientId}
       GROUP BY 1, 2
    ), ticked AS (
      SELECT l.program_id, l.version, l.day, count(*) FILTER (WHERE l.done) AS n
        FROM exercise_logs l
       WHERE l.clinic_id = ${clinicId} AND l.patient_id = ${patientId}
       GROUP BY 1, 2, 3
    )
    SELECT DISTINCT t.program_id, to_char(t.day, 'YYYY-MM-DD') AS day
      FROM ticked t JOIN sizes s ON s.program_id = t.program_id AND s.version = t.version
     WHERE t.n >= s.n`);
  const lastTicks = await tx
    .select({ programId: exerciseLogs.programId, at: sql<string>`max(${exerciseLogs.loggedAt})` })
    .from(exerciseLogs)
    .where(and(eq(exerciseLogs.clinicId, clinicId), eq(exerciseLogs.patientId, patientId), eq(exerciseLogs.done, true)))
    .groupBy(exerciseLogs.programId);
  const feedback = await tx
    .select({
      programId: planFeedback.programId,
      day: planFeedback.day,
      pain: planFeedback.pain,
      loggedAt: planFeedback.loggedAt,
    })
    .from(planFeedback)
    .where(and(eq(planFeedback.clinicId, clinicId), eq(planFeedback.patientId, patientId)))
    .orderBy(asc(planFeedback.day));

  return given.map((p) => {
    const counted = computeAdherence({
      startDate: p.startDate,
      daysPerWeek: p.daysPerWeek,
      today,
      sessionDays: complete.rows.filter((r) => r.program_id === p.id).map((r) => r.day),
    });
    const mine = feedback.filter((f) => f.programId === p.id);
    const times = [
      ...lastTicks.filter((t) => t.programId === p.id).map((t) => new Date(t.at).getTime()),
      ...mine.map((f) => f.loggedAt.getTime()),
    ];
    return {
      programId: p.id,
      title: p.title,
      ...counted,
      lastActivityAt: times.length ? new Date(Math.max(...times)) : null,
      pain: mine.slice(-90).map((f) => ({ day: f.day, pain: f.pain })),
    };
  });
}
