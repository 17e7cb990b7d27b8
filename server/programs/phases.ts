// When each phase of a program applies: the one definition the plan page, adherence, the
// clinician's view and "move to the next phase" share. Days are clinic-local calendar dates.
//
// The first phase starts with the program; a later one in week `startWeek` of the program (week 1
// is the start date's week) or on `startDate`. A phase without a start runs together with the one
// before it, so a program none of whose phases has a start is unphased: everything is due every
// day, as before phases had starts. A clinician's "move to the next phase now" starts that phase on
// the day of the move unless its own start comes first. On a day, the phase that applies is the
// one that started last (by that day; a phase moved on to the day beats the one it replaces), with
// any that run together with it; before the program's start, none.
import { addDays } from "@/server/scheduling/zoned-time";

export type PhaseStart = { startWeek?: number | null; startDate?: string | null };
export type PhaseMove = { phaseIndex: number; startsOn: string };

export const isPhased = (phases: PhaseStart[]) =>
  phases.some((p, i) => i > 0 && (p.startWeek != null || p.startDate != null));

/** The day a phase is scheduled to start without any move (null: with the phase before it). */
export function scheduledStart(programStart: string, phase: PhaseStart, index: number): string | null {
  if (index === 0) return programStart;
  if (phase.startDate) return phase.startDate;
  if (phase.startWeek != null) return addDays(programStart, (phase.startWeek - 1) * 7);
  return null;
}

/** Each phase's first day, moves applied; a phase without a start takes the previous phase's. */
export function phaseStarts(programStart: string, phases: PhaseStart[], moves: PhaseMove[] = []): string[] {
  return phaseSchedule(programStart, phases, moves).map((p) => p.start);
}

/** Each phase's first day, and whether it starts of its own (false: together with the one before). */
export type Schedule = { start: string; own: boolean }[];

export function phaseSchedule(programStart: string, phases: PhaseStart[], moves: PhaseMove[] = []): Schedule {
  const schedule: Schedule = [];
  phases.forEach((phase, i) => {
    const own = scheduledStart(programStart, phase, i);
    const scheduled = own ?? schedule[i - 1]?.start ?? programStart;
    const moved = i > 0 ? moves.find((m) => m.phaseIndex === i)?.startsOn : undefined;
    schedule.push({ start: moved && moved < scheduled ? moved : scheduled, own: own !== null || moved !== undefined });
  });
  return schedule;
}

/**
 * The indices of the phases that apply on `day`: the latest phase of its own that has begun (on a
 * tie — a phase moved on to the day another began — the later phase), with the phases that run
 * together with it.
 */
export function phasesOn(schedule: Schedule, day: string): number[] {
  let lead = -1;
  schedule.forEach((p, i) => {
    if (p.own && p.start <= day && (lead < 0 || p.start >= schedule[lead]!.start)) lead = i;
  });
  if (lead < 0) return [];
  const due = [lead];
  for (let i = lead + 1; i < schedule.length && !schedule[i]!.own; i++) due.push(i);
  return due;
}

export type PhaseStatus = {
  /** The program's first day. */
  startsOn: string;
  /** Whether the phases have starts of their own (false: everything is due together). */
  phased: boolean;
  /** The phases due today (empty before the start). */
  current: number[];
  /** The next phase to start after today, and when (null: none to come). */
  next: { index: number; startsOn: string } | null;
};

export function phaseStatus(
  programStart: string,
  phases: PhaseStart[],
  moves: PhaseMove[],
  today: string,
): PhaseStatus {
  const schedule = phaseSchedule(programStart, phases, moves);
  const current = phasesOn(schedule, today);
  const after = current.length ? Math.max(...current) : -1;
  const nextIndex = schedule.findIndex((p, i) => i > after && p.own && p.start > today);
  return {
    startsOn: programStart,
    phased: isPhased(phases),
    current,
    next: nextIndex >= 0 ? { index: nextIndex, startsOn: schedule[nextIndex]!.start } : null,
  };
}
