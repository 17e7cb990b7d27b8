// The availability engine: which start times each clinician can take, and why a given one cannot.
// Pure — the caller loads hours, closures, time off and appointments (load-availability.ts).
//
// A start s is offered to a clinician iff every condition below holds; isSlotAvailable checks them
// in this order and reports the name of the first that fails:
//   CLOSED_DAY     the clinic has opening hours on s's local weekday;
//   OUTSIDE_HOURS  [s, s + duration) lies inside one stretch of that local day when the clinic is
//                  open AND the clinician works (hours null = the clinic's). Each interval's bounds
//                  are converted to UTC on their own (zoned-time.ts: a wall time in a DST gap is the
//                  moment the clock jumps, a repeated one its earlier reading), then merged where
//                  they overlap or touch, then clinic ∩ clinician;
//   CLOSURE        [s, s + duration) meets no clinic closure;
//   TIME_OFF       [s, s + duration) meets none of the clinician's time off;
//   BUSY           [s, s + duration + buffer) meets none of the clinician's busy spans;
//   TOO_SOON       s >= now + minNotice;
//   TOO_FAR        s < now + maxAdvanceDays × 24 h;
//   OFF_GRID       s's wall time is a whole multiple of the granularity past its local midnight
//                  (wall-clock grid: on DST days it skips the gap and covers both repeated readings).
// findAvailableSlots returns exactly the starts in [from, to) that pass every check; `from`/`to`
// only bound the search, so isSlotAvailable judges any instant whatever the range.
import type { DayKey, Interval, WeeklyHours } from "@/db/schema";
import {
  assertTimeZone,
  dayWallToUtc,
  localDateTime,
  localDatesInRange,
  wallGridInstants,
  wallTimeMinutes,
  zonedDay,
  type ZonedDay,
} from "./zoned-time";

export type { DayKey, WeeklyHours };
export type WallInterval = Interval;
export type Span = { startsAt: Date; endsAt: Date };
export type AvailabilityInput = {
  timeZone: string;
  from: Date;
  to: Date;
  now: Date;
  clinicHours: WeeklyHours;
  closures: Span[];
  clinicians: { id: string; hours: WeeklyHours | null; timeOff: Span[]; busy: Span[] }[];
  type: { durationMinutes: number; bufferMinutes: number };
  rules: { granularityMinutes: number; minNoticeMinutes: number; maxAdvanceDays: number };
};
export type ClinicianSlots = { clinicianId: string; starts: Date[] };
/**
 * Free starts, compactly: each run [first, count] stands for `count` starts `stepMinutes` apart
 * from `first` (epoch ms). A day's grid is regular in UTC except where the wall clock jumps, and
 * a jump starts a new run, so runs describe exactly the same instants as ClinicianSlots.
 */
export type SlotRun = [first: number, count: number];
export type ClinicianRuns = { clinicianId: string; stepMinutes: number; runs: SlotRun[] };
export type UnavailableReason =
  "CLOSED_DAY" | "OUTSIDE_HOURS" | "CLOSURE" | "TIME_OFF" | "BUSY" | "TOO_SOON" | "TOO_FAR" | "OFF_GRID";
export type SlotVerdict = { ok: true } | { ok: false; reason: UnavailableReason };

const MINUTE = 60_000;
const DAY = 86_400_000;
const DAY_KEYS: readonly DayKey[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/** Half-open [start, end): epoch ms, or minutes past local midnight for wall-clock hours. */
type Range = [number, number];
/** Weekly hours parsed once: each day's non-empty intervals in minutes past midnight. */
type WeekMinutes = Record<DayKey, Range[]>;
type Clinician = AvailabilityInput["clinicians"][number];

function validate(input: AvailabilityInput): void {
  const { durationMinutes, bufferMinutes } = input.type;
  const { granularityMinutes, minNoticeMinutes, maxAdvanceDays } = input.rules;
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0)
    throw new RangeError(`durationMinutes must be a positive integer, got ${durationMinutes}`);
  if (!Number.isInteger(bufferMinutes) || bufferMinutes < 0)
    throw new RangeError(`bufferMinutes must be a non-negative integer, got ${bufferMinutes}`);
  if (!Number.isInteger(granularityMinutes) || granularityMinutes <= 0)
    throw new RangeError(`granularityMinutes must be a positive integer, got ${granularityMinutes}`);
  if (!Number.isFinite(minNoticeMinutes) || !Number.isFinite(maxAdvanceDays))
    throw new RangeError("minNoticeMinutes and maxAdvanceDays must be finite");
  if ([input.from, input.to, input.now].some((d) => Number.isNaN(d.getTime())))
    throw new RangeError("from, to and now must be valid dates");
  if (input.to.getTime() <= input.from.getTime()) throw new RangeError("`to` must be after `from`");
  assertTimeZone(input.timeZone);
}

/** Sorts ranges and merges those that overlap or touch; drops empty ones. */
function mergeRanges(ranges: Range[]): Range[] {
  const sorted = ranges.filter(([a, b]) => a < b).sort((x, y) => x[0] - y[0]);
  const merged: Range[] = [];
  for (const [a, b] of sorted) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Intersection of two merged, sorted range lists. */
function intersectRanges(xs: Range[], ys: Range[]): Range[] {
  const out: Range[] = [];
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    const [a1, b1] = xs[i]!;
    const [a2, b2] = ys[j]!;
    const lo = Math.max(a1, a2);
    const hi = Math.min(b1, b2);
    if (lo < hi) out.push([lo, hi]);
    if (b1 < b2) i++;
    else j++;
  }
  return out;
}

/** A day's "HH:MM" intervals as minute ranges, empty ones dropped (RangeError if malformed). */
function wallRanges(intervals: WallInterval[]): Range[] {
  return intervals.map((i): Range => [wallTimeMinutes(i.start), wallTimeMinutes(i.end)]).filter(([a, b]) => a < b);
}

function parseWeek(hours: WeeklyHours): WeekMinutes {
  return Object.fromEntries(DAY_KEYS.map((k) => [k, wallRanges(hours[k] ?? [])])) as WeekMinutes;
}

/** A day's wall-clock minute ranges as merged UTC ranges, each bound converted on its own. */
function dayRanges(day: ZonedDay, wall: Range[]): Range[] {
  return mergeRanges(wall.map(([a, b]): Range => [dayWallToUtc(day, a), dayWallToUtc(day, b)]));
}

/** When the clinic is open (`clinic`, already in UTC) and the clinician works, on `day`. */
function workingRanges(day: ZonedDay, clinic: Range[], hours: WeekMinutes | null): Range[] {
  if (!hours || clinic.length === 0) return clinic;
  return intersectRanges(clinic, dayRanges(day, hours[day.key]));
}

/** Whether a span meets [start, end); an empty (or inverted) span meets nothing. */
function meets(span: Span, start: number, end: number): boolean {
  const [a, b] = [span.startsAt.getTime(), span.endsAt.getTime()];
  return a < b && a < end && start < b;
}

/**
 * Starts s that a span forbids, as a half-open range: s is forbidden iff [s, s + length) meets
 * [a, b), i.e. a − length < s < b. Empty spans forbid nothing.
 */
function forbiddenStarts(spans: Span[], length: number): Range[] {
  return spans
    .filter((s) => s.startsAt.getTime() < s.endsAt.getTime())
    .map((s): Range => [s.startsAt.getTime() - length + 1, s.endsAt.getTime()]);
}

/** [lo, hi): the starts that the range, notice and horizon allow; null when none. */
function searchWindow(input: AvailabilityInput): Range | null {
  const now = input.now.getTime();
  const lo = Math.max(input.from.getTime(), now + input.rules.minNoticeMinutes * MINUTE);
  const hi = Math.min(input.to.getTime(), now + input.rules.maxAdvanceDays * DAY);
  return lo < hi ? [Math.ceil(lo), Math.ceil(hi)] : null;
}

/** Every bookable start in `window` for one clinician: grid instants inside working hours, outside blocked starts. */
function clinicianStarts(
  input: AvailabilityInput,
  clinician: Clinician,
  days: { day: ZonedDay; clinic: Range[] }[],
  window: Range,
  closedStarts: Range[],
): number[] {
  const duration = input.type.durationMinutes * MINUTE;
  const hours = clinician.hours && parseWeek(clinician.hours);
  const blocked = mergeRanges([
    ...closedStarts,
    ...forbiddenStarts(clinician.timeOff, duration),
    ...forbiddenStarts(clinician.busy, duration + input.type.bufferMinutes * MINUTE),
  ]);
  const starts: number[] = [];
  let k = 0; // sweep pointer into `blocked`: candidates arrive in ascending order
  for (const { day, clinic } of days) {
    for (const [a, b] of workingRanges(day, clinic, hours)) {
      const lo = Math.max(a, window[0]);
      const hi = Math.min(b - duration + 1, window[1]);
      if (lo >= hi) continue;
      for (const s of wallGridInstants(day, input.rules.granularityMinutes, lo, hi)) {
        while (k < blocked.length && blocked[k]![1] <= s) k++;
        if (k < blocked.length && blocked[k]![0] <= s) continue;
        starts.push(s);
      }
    }
  }
  return starts;
}

/** Bookable starts per clinician (input order), ascending, within [from, to), as epoch ms. */
function freeStarts(input: AvailabilityInput): { clinicianId: string; starts: number[] }[] {
  validate(input);
  const window = searchWindow(input);
  if (!window) return input.clinicians.map((c) => ({ clinicianId: c.id, starts: [] }));
  const clinicWeek = parseWeek(input.clinicHours);
  const days = localDatesInRange(new Date(window[0]), new Date(window[1]), input.timeZone).map((date) => {
    const day = zonedDay(date, input.timeZone);
    return { day, clinic: dayRanges(day, clinicWeek[day.key]) };
  });
  const closedStarts = forbiddenStarts(input.closures, input.type.durationMinutes * MINUTE);
  return input.clinicians.map((c) => ({
    clinicianId: c.id,
    starts: clinicianStarts(input, c, days, window, closedStarts),
  }));
}

/** Bookable starts per clinician (input order), ascending, within [from, to). */
export function findAvailableSlots(input: AvailabilityInput): ClinicianSlots[] {
  return freeStarts(input).map((c) => ({ clinicianId: c.clinicianId, starts: c.starts.map((s) => new Date(s)) }));
}

/** The same starts as findAvailableSlots, as runs on the granularity step (what the API sends). */
export function findFreeRuns(input: AvailabilityInput): ClinicianRuns[] {
  const step = input.rules.granularityMinutes * MINUTE;
  return freeStarts(input).map(({ clinicianId, starts }) => {
    const runs: SlotRun[] = [];
    let run: SlotRun | undefined;
    for (const s of starts) {
      if (run && s === run[0] + run[1] * step) run[1]++;
      else runs.push((run = [s, 1]));
    }
    return { clinicianId, stepMinutes: input.rules.granularityMinutes, runs };
  });
}

/** Expands runs back into instants (client and server share it). */
export function runStarts(runs: readonly SlotRun[], stepMinutes: number): Date[] {
  const step = stepMinutes * MINUTE;
  return runs.flatMap(([first, count]) => Array.from({ length: count }, (_, i) => new Date(first + i * step)));
}

/** Whether `clinicianId` can start this appointment at `startsAt`, or the first rule that says no. */
export function isSlotAvailable(input: AvailabilityInput, clinicianId: string, startsAt: Date): SlotVerdict {
  validate(input);
  const clinician = input.clinicians.find((c) => c.id === clinicianId);
  if (!clinician) throw new RangeError(`Unknown clinician: ${clinicianId}`);
  const s = startsAt.getTime();
  if (Number.isNaN(s)) throw new RangeError("startsAt must be a valid date");
  const end = s + input.type.durationMinutes * MINUTE;
  const no = (reason: UnavailableReason): SlotVerdict => ({ ok: false, reason });
  const { date, minutes } = localDateTime(s, input.timeZone);
  const day = zonedDay(date, input.timeZone);
  const clinicToday = wallRanges(input.clinicHours[day.key] ?? []);
  if (clinicToday.length === 0) return no("CLOSED_DAY");
  const working = workingRanges(day, dayRanges(day, clinicToday), clinician.hours && parseWeek(clinician.hours));
  if (!working.some(([a, b]) => a <= s && end <= b)) return no("OUTSIDE_HOURS");
  if (input.closures.some((c) => meets(c, s, end))) return no("CLOSURE");
  if (clinician.timeOff.some((o) => meets(o, s, end))) return no("TIME_OFF");
  if (clinician.busy.some((b) => meets(b, s, end + input.type.bufferMinutes * MINUTE))) return no("BUSY");
  const now = input.now.getTime();
  if (s < now + input.rules.minNoticeMinutes * MINUTE) return no("TOO_SOON");
  if (s >= now + input.rules.maxAdvanceDays * DAY) return no("TOO_FAR");
  if (s % 1000 !== 0 || minutes % input.rules.granularityMinutes !== 0) return no("OFF_GRID");
  return { ok: true };
}
