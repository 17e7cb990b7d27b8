// Calendar days in the clinic's zone for the booking pages' date strip: a day's bounds as instants,
// and free starts counted per day. Pure: the browser uses dayBounds to ask for one day's times.
import { runStarts, type ClinicianRuns } from "@/server/scheduling/availability";
import { addDays, localDateTime, wallTimeToUtc } from "@/server/scheduling/zoned-time";

export type FreeDay = { date: string; free: number };
export type FreeDays = { days: FreeDay[]; firstDate: string; lastDate: string };

/** [from, to) of a clinic-local calendar day, as instants (shared with the browser). */
export function dayBounds(date: string, timeZone: string): { from: Date; to: Date } {
  return { from: wallTimeToUtc(date, "00:00", timeZone), to: wallTimeToUtc(addDays(date, 1), "00:00", timeZone) };
}

/** Every date of [from, from + count), each with its number of distinct free starts (any clinician). Pure. */
export function countFreeByDay(runs: readonly ClinicianRuns[], from: string, count: number, timeZone: string) {
  const perDay = new Map<string, number>();
  for (const s of distinctStarts(runs)) {
    const date = localDateTime(s, timeZone).date;
    perDay.set(date, (perDay.get(date) ?? 0) + 1);
  }
  return Array.from({ length: count }, (_, i): FreeDay => {
    const date = addDays(from, i);
    return { date, free: perDay.get(date) ?? 0 };
  });
}

export type DayPart = "morning" | "afternoon" | "evening";
export const DAY_PARTS: readonly { part: DayPart; label: string }[] = [
  { part: "morning", label: "Morning" },
  { part: "afternoon", label: "Afternoon" },
  { part: "evening", label: "Evening" },
];

/** Starts split into morning (before 12:00), afternoon (before 17:00) and evening, by clinic wall time. */
export function byDayPart(starts: readonly Date[], timeZone: string): Record<DayPart, Date[]> {
  const parts: Record<DayPart, Date[]> = { morning: [], afternoon: [], evening: [] };
  for (const s of starts) {
    const { minutes } = localDateTime(s, timeZone);
    parts[minutes < 12 * 60 ? "morning" : minutes < 17 * 60 ? "afternoon" : "evening"].push(s);
  }
  return parts;
}

/** Distinct free starts of any clinician, ascending (the API sends runs per clinician). */
export function distinctStarts(runs: readonly ClinicianRuns[]): Date[] {
  const unique = new Map<number, Date>();
  for (const c of runs) for (const s of runStarts(c.runs, c.stepMinutes)) unique.set(s.getTime(), s);
  return [...unique.values()].sort((a, b) => a.getTime() - b.getTime());
}
