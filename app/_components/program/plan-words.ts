// Plan dates and progress in words, for the clinician's view of a patient and the patient's page.
// Dates are clinic-local calendar days ("YYYY-MM-DD").

/** "Monday, March 9". */
export const longDay = (date: string) =>
  new Intl.DateTimeFormat("en-US", { timeZone: "UTC", weekday: "long", month: "long", day: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** Today's date in a zone, as "YYYY-MM-DD". */
export const todayIn = (timeZone: string, now = new Date()) =>
  new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);

/** "starts today" / "starts Monday, March 9". */
export const startsWords = (startsOn: string, today: string) =>
  startsOn === today ? "starts today" : `starts ${longDay(startsOn)}`;

/**
 * The adherence line beside a program: the share of sessions done, or — before anything was due
 * (before the first day, or on it until the first session) — when the plan starts.
 */
export function adherenceWords(
  a: { percentDone: number | null; sessionsDone: number; sessionsExpected: number; startsOn: string },
  today: string,
): { figure: string; words: string } {
  if (a.sessionsExpected === 0)
    return {
      figure: "—",
      words: a.startsOn >= today ? `Plan ${startsWords(a.startsOn, today)}` : "No sessions due yet",
    };
  return {
    figure: `${Math.round(a.percentDone ?? 0)}%`,
    words: `of prescribed sessions done (${a.sessionsDone} of ${a.sessionsExpected})`,
  };
}

export type PhaseWordsInput = {
  number: number;
  count: number;
  title: string | null;
  next: { number: number; title: string; startsOn: string } | null;
};

/** "Phase 2 of 4: Build deep core stability" and "Next phase (Rebalance hip function) starts Monday, March 23". */
export function phaseWords(phase: PhaseWordsInput, today: string): { now: string; next: string | null } {
  const now =
    phase.number === 0
      ? `Not started yet (${phase.count} phases)`
      : `Phase ${phase.number} of ${phase.count}: ${phase.title}`;
  const next = phase.next
    ? `${phase.number === 0 ? "Phase 1" : "Next phase"} (${phase.next.title}) ${startsWords(phase.next.startsOn, today)}`
    : phase.number > 0
      ? "Last phase"
      : null;
  return { now, next };
}
