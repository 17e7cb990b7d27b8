// When each phase of a program applies: the one definition the plan page, adherence, the
// clinician's view and "move to the next phase" share. Days are clinic-local calendar dates.
//
// The first phase starts with the program; a later one in week `startWeek` of the program (week 1
// is the start date's week) or on `startDate`. A phase without a start runs together with the one
// before it, so a program none of whose phases has a start is unphased: everything is due every
// day, as before phases had starts. A clinician's "move to the next phase now" starts that phase on
// the day of the move unless its own start comes first. On a day, the phases that apply are those
// that started last (by that day); before the program's start, none.
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
  const starts: string[] = [];
  phases.forEach((phase, i) => {
    const scheduled = scheduledStart(programStart, phase, i) ?? starts[i - 1] ?? programStart;
    const moved = i > 0 ? moves.find((m) => m.phaseIndex === i)?.startsOn : undefined;
    starts.push(moved && moved < scheduled ? moved : scheduled);
  });
  return starts;
}

/** The indices of the phases that apply on `day`: those that started last, by that day. */
export function phasesOn(starts: string[], day: string): number[] {
  const begun = starts.filter((s) => s <= day);
  if (begun.length === 0) return [];
  const latest = begun.reduce((a, b) => (a > b ? a : b));
  return starts.flatMap((s, i) => (s === latest ? [i] : []));
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
  const starts = phaseStarts(programStart, phases, moves);
  const nextIndex = starts.findIndex((s) => s > today);
  return {
    startsOn: programStart,
    phased: isPhased(phases),
    current: phasesOn(starts, today),
    next: nextIndex >= 0 ? { index: nextIndex, startsOn: starts[nextIndex]! } : null,
  };
}
