// Dashboard periods as the clinic's local days: presets and custom ranges, each with the previous
// period of the same length just before it. Weeks start on Monday. Pure: "today" is passed in.
import { addDays, dayKeyOf } from "@/server/scheduling/zoned-time";

export const PERIOD_PRESETS = ["this_week", "last_4_weeks", "this_month", "last_month", "quarter", "custom"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

export const PERIOD_LABELS: Record<PeriodPreset, string> = {
  this_week: "This week",
  last_4_weeks: "Last 4 weeks",
  this_month: "This month",
  last_month: "Last month",
  quarter: "This quarter",
  custom: "Custom",
};

/** Local dates; `to` is exclusive (the day after the last day shown). */
export type Period = { from: string; to: string; previousFrom: string; previousTo: string; days: number };

const DAY_MS = 86_400_000;
const dayIndex = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
export const daysBetween = (from: string, to: string) => dayIndex(to) - dayIndex(from);

const MONDAY_OFFSET = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

/** The Monday on or before `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -MONDAY_OFFSET[dayKeyOf(date)]);
}

function monthStart(date: string, monthsAhead = 0): string {
  const [y, m] = date.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + monthsAhead;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}-01`;
}

/**
 * The period for a preset on `today` (a local date). Custom takes first and last day inclusive.
 * The previous period has the same number of days and ends where this one starts.
 */
export function resolvePeriod(input: { preset: PeriodPreset; from?: string; to?: string }, today: string): Period {
  let from: string;
  let to: string;
  switch (input.preset) {
    case "this_week":
      from = mondayOf(today);
      to = addDays(from, 7);
      break;
    case "last_4_weeks":
      to = addDays(mondayOf(today), 7);
      from = addDays(to, -28);
      break;
    case "this_month":
      from = monthStart(today);
      to = monthStart(today, 1);
      break;
    case "last_month":
      from = monthStart(today, -1);
      to = monthStart(today);
      break;
    case "quarter": {
      const month = Number(today.slice(5, 7));
      from = monthStart(today, -((month - 1) % 3));
      to = monthStart(from, 3);
      break;
    }
    case "custom":
      if (!input.from || !input.to) throw new Error("A custom period needs a first and a last day.");
      from = input.from;
      to = addDays(input.to, 1);
      break;
  }
  const days = daysBetween(from, to);
  return { from, to, previousFrom: addDays(from, -days), previousTo: from, days };
}

/** Mondays of every week that overlaps [from, to), ascending (the x axis of the weekly charts). */
export function weeksOf(period: { from: string; to: string }): string[] {
  const weeks: string[] = [];
  for (let w = mondayOf(period.from); w < period.to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}
