// Recurring booking ("Tuesdays and Thursdays at 08:00 for six weeks"): books every occurrence
// that is free, each in its own savepoint, and reports each one that is not.
import type { Tx } from "@/db/client";
import { DomainError } from "@/server/errors";
import { type Actor, type BookOptions, bookAppointment } from "./book";
import { localDateTime, wallMinutesToUtc } from "./zoned-time";

const DAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;
type Weekday = keyof typeof DAY_INDEX;

/** Calendar dates (YYYY-MM-DD) for the chosen weekdays over `weeks` weeks, from `first` on. */
export function occurrenceDates(first: string, weekdays: Weekday[], weeks: number): string[] {
  const start = new Date(`${first}T00:00:00Z`);
  const mondayOffset = (start.getUTCDay() + 6) % 7;
  const monday = new Date(start.getTime() - mondayOffset * 86_400_000);
  const dates: string[] = [];
  for (let w = 0; w < weeks; w++) {
    for (const day of [...new Set(weekdays)].sort((x, y) => DAY_INDEX[x] - DAY_INDEX[y])) {
      const d = new Date(monday.getTime() + (w * 7 + DAY_INDEX[day]) * 86_400_000).toISOString().slice(0, 10);
      if (d >= first) dates.push(d);
    }
  }
  return dates;
}

export type OccurrenceResult =
  { startsAt: Date; booked: true; appointmentId: string } | { startsAt: Date; booked: false; reason: string };

export async function bookRecurring(
  tx: Tx,
  actor: Actor,
  timeZone: string,
  input: {
    clinicianId: string;
    patientId: string;
    typeId: string;
    startsAt: Date;
    notes?: string;
    weekdays: Weekday[];
    weeks: number;
  },
  opts: BookOptions,
): Promise<{ booked: number; results: OccurrenceResult[] }> {
  const { date, minutes } = localDateTime(input.startsAt, timeZone);
  const results: OccurrenceResult[] = [];
  for (const day of occurrenceDates(date, input.weekdays, input.weeks)) {
    const startsAt = new Date(wallMinutesToUtc(day, minutes, timeZone));
    try {
      const row = await tx.transaction((sp) => bookAppointment(sp, actor, { ...input, startsAt }, opts));
      results.push({ startsAt, booked: true, appointmentId: row.id });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const reason = error.code === "SLOT_TAKEN" ? "Already booked at that time." : error.userMessage;
      results.push({ startsAt, booked: false, reason });
    }
  }
  return { booked: results.filter((r) => r.booked).length, results };
}
