// Clinic wall clock ↔ UTC instants for any IANA zone, using only Intl (no date library).
//
// One rule decides every conversion: a local date + wall time maps to the FIRST instant at which
// the zone's clock reads that wall time or later. So
//   - a normal wall time maps to its one instant;
//   - an ambiguous wall time (fall-back, the clock repeats) maps to the EARLIER instant;
//   - a wall time that never happens (spring-forward gap) maps to the first instant after the gap,
//     i.e. the transition itself: 02:30 on 2026-03-08 in Los Angeles is 03:00 PDT (10:00Z), not
//     03:30 — an opening hour inside the gap starts when the clock jumps, never later.
// Assumes a zone changes its offset at most once in any three days (true for every modern zone).
import type { DayKey } from "@/db/schema";

const SECOND = 1000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_KEYS: readonly DayKey[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

const formatters = new Map<string, Intl.DateTimeFormat>();

/** One formatter per zone; constructing it is what validates the zone (RangeError if unknown). */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows. */
export function assertTimeZone(timeZone: string): void {
  if (typeof timeZone !== "string" || timeZone.length === 0)
    throw new RangeError(`Invalid time zone: ${String(timeZone)}`);
  formatterFor(timeZone);
}

/** The zone's wall clock at instant `t`, as "naive" epoch ms (the wall time read as if it were UTC), to the second. */
function wallClockMs(t: number, timeZone: string): number {
  // `format` is ~3x faster than `formatToParts`; en-US h23 prints "M/D/YYYY, HH:MM:SS".
  const digits = formatterFor(timeZone).format(t).match(/\d+/g);
  if (!digits || digits.length !== 6) throw new RangeError(`Cannot read the wall clock in ${timeZone} at ${t}`);
  const [month, day, year, hour, minute, second] = digits.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** UTC offset (wall − UTC) in effect at instant `t`. */
function offsetAt(t: number, timeZone: string): number {
  return wallClockMs(t, timeZone) - Math.floor(t / SECOND) * SECOND;
}

/** "YYYY-MM-DD" → naive epoch ms of its midnight; RangeError if malformed or not a real date. */
function parseDate(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || new Date(ms).toISOString().slice(0, 10) !== date) throw new RangeError(`Invalid date: ${date}`);
  return ms;
}

/** "HH:MM" (00:00–23:59, or "24:00" for the end of the day) → minutes since midnight. */
export function wallTimeMinutes(time: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  const minutes = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minutes > 24 * 60) throw new RangeError(`Invalid wall time: ${time}`);
  return minutes;
}

/** A stretch of time with one offset, from `from` until the next segment's `from`. */
type Segment = { from: number; offset: number };

/** One local date in one zone: the offsets in effect around it and the UTC instants it spans, [start, end). */
export type ZonedDay = {
  date: string;
  key: DayKey;
  timeZone: string;
  midnight: number;
  segments: Segment[];
  start: number;
  end: number;
};

const dayCache = new Map<string, ZonedDay>();

/** The offsets around a local date: every instant whose wall date is `date` lies in [midnight − 1 day, midnight + 2 days]. */
function segmentsAround(naiveMidnight: number, timeZone: string): Segment[] {
  let lo = naiveMidnight - DAY;
  let hi = naiveMidnight + 2 * DAY;
  const before = offsetAt(lo, timeZone);
  const after = offsetAt(hi, timeZone);
  if (before === after) return [{ from: -Infinity, offset: before }];
  // Binary search (to the second) for the first instant on the new offset.
  while (hi - lo > SECOND) {
    const mid = lo + Math.floor((hi - lo) / 2 / SECOND) * SECOND;
    if (offsetAt(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return [
    { from: -Infinity, offset: before },
    { from: hi, offset: after },
  ];
}

/** First instant whose wall clock reads `naive` (naive ms) or later, given the segments around it. */
function firstInstantAtOrAfter(naive: number, segments: Segment[]): number {
  let best = Infinity;
  segments.forEach((segment, i) => {
    const until = segments[i + 1]?.from ?? Infinity;
    const t = Math.max(segment.from, naive - segment.offset);
    if (t < until && t < best) best = t;
  });
  return best;
}

/** A local date in a zone (cached: the engine asks for the same few dates over and over). */
export function zonedDay(date: string, timeZone: string): ZonedDay {
  const cacheKey = `${timeZone}\n${date}`;
  const cached = dayCache.get(cacheKey);
  if (cached) return cached;
  const midnight = parseDate(date);
  const segments = segmentsAround(midnight, timeZone);
  const day: ZonedDay = {
    date,
    key: DAY_KEYS[new Date(midnight).getUTCDay()]!,
    timeZone,
    midnight,
    segments,
    start: firstInstantAtOrAfter(midnight, segments),
    end: firstInstantAtOrAfter(midnight + DAY, segments),
  };
  if (dayCache.size > 20_000) dayCache.clear();
  dayCache.set(cacheKey, day);
  return day;
}

/** UTC epoch ms at which `day`'s wall clock first reads `minutes` (0–1440) past its midnight, or later. */
export function dayWallToUtc(day: ZonedDay, minutes: number): number {
  return firstInstantAtOrAfter(day.midnight + minutes * MINUTE, day.segments);
}

/** UTC epoch ms for `minutes` (0–1440) past wall-clock midnight of `date` in `timeZone`. */
export function wallMinutesToUtc(date: string, minutes: number, timeZone: string): number {
  return dayWallToUtc(zonedDay(date, timeZone), minutes);
}

/** The UTC instant for a clinic-local date ("YYYY-MM-DD") and wall time ("HH:MM", "24:00" allowed). */
export function wallTimeToUtc(date: string, time: string, timeZone: string): Date {
  return new Date(wallMinutesToUtc(date, wallTimeMinutes(time), timeZone));
}

/** Local date of an instant, and minutes since that date's wall-clock midnight (fractional if it has seconds). */
export function localDateTime(instant: Date | number, timeZone: string): { date: string; minutes: number } {
  const wall = wallClockMs(typeof instant === "number" ? instant : instant.getTime(), timeZone);
  const midnight = Math.floor(wall / DAY) * DAY;
  return { date: new Date(midnight).toISOString().slice(0, 10), minutes: (wall - midnight) / MINUTE };
}

/** The calendar date `days` after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(parseDate(date) + days * DAY).toISOString().slice(0, 10);
}

/** Every local date (ascending) that some instant of the UTC range [from, to) falls on. */
export function localDatesInRange(from: Date, to: Date, timeZone: string): string[] {
  if (to.getTime() <= from.getTime()) return [];
  const last = localDateTime(to.getTime() - 1, timeZone).date;
  const dates = [localDateTime(from, timeZone).date];
  while (dates[dates.length - 1]! < last) dates.push(addDays(dates[dates.length - 1]!, 1));
  return dates;
}

/** Day of the week of a calendar date — the same in every zone. */
export function dayKeyOf(date: string): DayKey {
  return DAY_KEYS[new Date(parseDate(date)).getUTCDay()]!;
}

/**
 * Instants in [fromMs, toMs) that fall on `day` and whose wall time is a whole multiple of
 * `stepMinutes` past its midnight (the booking grid), ascending. Both readings of a repeated wall
 * time are on the grid; wall times inside a gap do not exist, so are not.
 */
export function wallGridInstants(day: ZonedDay, stepMinutes: number, fromMs: number, toMs: number): number[] {
  const step = stepMinutes * MINUTE;
  const out: number[] = [];
  day.segments.forEach((segment, i) => {
    const lo = Math.max(segment.from, day.start, fromMs);
    const hi = Math.min(day.segments[i + 1]?.from ?? Infinity, day.end, toMs);
    const origin = day.midnight - segment.offset; // the instant this segment's clock would read 00:00
    for (let t = origin + Math.ceil((lo - origin) / step) * step; t < hi; t += step) out.push(t);
  });
  return out;
}

/**
 * wallGridInstants as runs: [first instant, how many] per stretch of one offset, the instants of a
 * run `stepMinutes` apart; by arithmetic, without listing each instant. Both give the same instants.
 */
export function wallGridRuns(day: ZonedDay, stepMinutes: number, fromMs: number, toMs: number): [number, number][] {
  const out: [number, number][] = [];
  eachWallGridRun(day, stepMinutes, fromMs, toMs, (first, count) => out.push([first, count]));
  return out;
}

/** wallGridRuns, each run handed to `emit` as it is found (free times cut hundreds of ranges a request: no array for each). */
export function eachWallGridRun(
  day: ZonedDay,
  stepMinutes: number,
  fromMs: number,
  toMs: number,
  emit: (first: number, count: number) => void,
): void {
  const step = stepMinutes * MINUTE;
  const segments = day.segments;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const lo = Math.max(segment.from, day.start, fromMs);
    const hi = Math.min(segments[i + 1]?.from ?? Infinity, day.end, toMs);
    const origin = day.midnight - segment.offset;
    const first = origin + Math.ceil((lo - origin) / step) * step;
    const count = Math.ceil((hi - first) / step);
    if (count > 0) emit(first, count);
  }
}

/** The zone's UTC offsets over a stretch of time: `offsets[i]` (ms) is in effect from `from[i]` (epoch ms; −Infinity first). */
export type OffsetTable = { from: number[]; offsets: number[] };

const offsetTables = new Map<string, OffsetTable>();

/**
 * Every change of the zone's offset in [fromMs, toMs], found to the second (cached: a dashboard
 * asks for the same period over and over). Samples the offset every two days and searches between
 * samples that differ, so it relies on the same rule as the rest of this file: a zone changes its
 * offset at most once in any three days.
 */
export function offsetTable(fromMs: number, toMs: number, timeZone: string): OffsetTable {
  const cacheKey = `${timeZone}\n${fromMs}\n${toMs}`;
  const cached = offsetTables.get(cacheKey);
  if (cached) return cached;
  const table: OffsetTable = { from: [-Infinity], offsets: [offsetAt(fromMs, timeZone)] };
  const step = 2 * DAY;
  for (let lo = fromMs; lo < toMs; lo += step) {
    let hi = Math.min(lo + step, toMs);
    const before = table.offsets[table.offsets.length - 1]!;
    const after = offsetAt(hi, timeZone);
    if (after === before) continue;
    let a = lo;
    while (hi - a > SECOND) {
      const mid = a + Math.floor((hi - a) / 2 / SECOND) * SECOND;
      if (offsetAt(mid, timeZone) === before) a = mid;
      else hi = mid;
    }
    table.from.push(hi);
    table.offsets.push(after);
  }
  if (offsetTables.size > 1000) offsetTables.clear();
  offsetTables.set(cacheKey, table);
  return table;
}
